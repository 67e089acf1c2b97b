package org.orderplatform.web.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A kind of error the API returns. The {@code type} URI ({@code /problems/<slug>}) is stable:
 * clients may switch on it; {@code GET /problems/<slug>} describes each one. The standard ones are
 * {@link StandardProblem}; each module declares its own (an enum whose constants each hold a
 * {@link Definition}) in a {@link ProblemCatalogue}.
 */
public interface ProblemType {

    Definition definition();

    default String slug() {
        return definition().slug();
    }

    default HttpStatus status() {
        return definition().status();
    }

    default String title() {
        return definition().title();
    }

    default String description() {
        return definition().description();
    }

    default URI uri() {
        return URI.create("/problems/" + slug());
    }

    /** What a problem type is: its slug, its status, a title and what it means. */
    record Definition(String slug, HttpStatus status, String title, String description) {}
}
