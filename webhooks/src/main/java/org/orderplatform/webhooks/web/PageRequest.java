package org.orderplatform.webhooks.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.orderplatform.web.cursor.Cursors;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code limit} (1-100, default 20) and {@code cursor} of a list request, checked: a bad one is a
 * 400 naming the parameter.
 */
public record PageRequest(int limit, Keyset after, Cursors cursors) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest parse(String limit, String cursor, Cursors cursors) {
        List<Problems.FieldError> errors = new ArrayList<>();
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                errors.add(new Problems.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        Keyset after = null;
        if (cursor != null) {
            after = Keyset.decode(cursors, cursor).orElse(null);
            if (after == null) {
                errors.add(new Problems.FieldError("cursor", "is not a cursor from this list"));
            }
        }
        if (!errors.isEmpty()) {
            ProblemDetail problem = Problems.detail(
                    StandardProblem.INVALID_QUERY,
                    errors.get(0).field() + " " + errors.get(0).message());
            problem.setProperty("errors", errors);
            throw new ProblemException(problem);
        }
        return new PageRequest(size, after, cursors);
    }

    /**
     * The page of {@code rows} (fetched with {@link #fetchSize()}: one more than the limit tells
     * whether a next page exists), as a response with the next link in the body and the Link header.
     */
    public <T> ResponseEntity<Page<T>> respond(List<T> rows, Function<T, Keyset> key) {
        boolean more = rows.size() > limit;
        List<T> items = more ? rows.subList(0, limit) : rows;
        String next = more
                ? ServletUriComponentsBuilder.fromCurrentRequest()
                        .replaceQueryParam(
                                "cursor", key.apply(items.get(items.size() - 1)).encode(cursors))
                        .replaceQueryParam("limit", limit)
                        .build()
                        .toUriString()
                : null;
        var response = ResponseEntity.ok();
        if (next != null) {
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(new Page<>(List.copyOf(items), new Page.Links(next)));
    }

    public int fetchSize() {
        return limit + 1;
    }
}
