package org.orderplatform.web.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The problem types one module answers with, and the members its problems add to the standard
 * ones (RFC 9457 extension members, e.g. an order's status), as a bean: the catalogue
 * ({@code GET /problems}) lists every module's types, and the OpenAPI document's Problem schema
 * every module's members. Two modules may both name a problem (an order not found, on the write
 * and the read side) if they define it alike; {@link ProblemTypes} refuses to start otherwise.
 */
public record ProblemCatalogue(String module, List<ProblemType> types, List<Member> members) {

    public ProblemCatalogue {
        types = List.copyOf(types);
        members = List.copyOf(members);
    }

    public static ProblemCatalogue of(String module, ProblemType... types) {
        return new ProblemCatalogue(module, List.of(types), List.of());
    }

    public ProblemCatalogue withMember(String name, String jsonType, String description) {
        var more = new ArrayList<>(members);
        more.add(new Member(name, jsonType, description));
        return new ProblemCatalogue(module, types, more);
    }

    /** An extension member: its name, JSON type ({@code string}, {@code integer}) and meaning. */
    public record Member(String name, String jsonType, String description) {}
}
