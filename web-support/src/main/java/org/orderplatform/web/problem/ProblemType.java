package org.orderplatform.web.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A kind of error the API returns. The {@code type} URI ({@code /problems/<slug>}) is stable:
 * clients may switch on it; {@code GET /problems/<slug>} describes each one. The standard ones are
 * {@link StandardProblem}; each module declares its own in a {@link ProblemCatalogue}.
 */
public interface ProblemType {

    String slug();

    HttpStatus status();

    String title();

    String description();

    default URI uri() {
        return URI.create("/problems/" + slug());
    }
}
