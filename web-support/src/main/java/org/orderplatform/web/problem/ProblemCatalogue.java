package org.orderplatform.web.problem;

import java.util.List;

/**
 * The problem types one module answers with, as a bean: the catalogue ({@code GET /problems})
 * lists every module's. Two modules may both name a problem (an order not found, on the write and
 * the read side) if they define it alike; {@link ProblemTypes} refuses to start otherwise.
 */
public record ProblemCatalogue(String module, List<ProblemType> types) {

    public ProblemCatalogue {
        types = List.copyOf(types);
    }

    public static ProblemCatalogue of(String module, ProblemType... types) {
        return new ProblemCatalogue(module, List.of(types));
    }
}
