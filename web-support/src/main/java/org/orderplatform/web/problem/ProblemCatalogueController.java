package org.orderplatform.web.problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Makes every problem {@code type} URI resolvable: {@code GET /problems/<slug>} explains it. */
@RestController
@Tag(name = "Problem types", description = "What each problem type URI means")
class ProblemCatalogueController {

    private final ProblemTypes types;

    ProblemCatalogueController(ProblemTypes types) {
        this.types = types;
    }

    @GetMapping(path = "/problems", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listProblemTypes", summary = "List every problem type the API answers with")
    List<ProblemTypeView> all() {
        return types.all().stream().map(ProblemTypeView::of).toList();
    }

    @GetMapping(path = "/problems/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getProblemType",
            summary = "Describe one problem type (the target of a problem's type URI)")
    ProblemTypeView one(@PathVariable String slug) {
        return types.find(slug)
                .map(ProblemTypeView::of)
                .orElseThrow(() -> new ProblemException(StandardProblem.NOT_FOUND, "No problem type " + slug));
    }

    record ProblemTypeView(String type, int status, String title, String description) {
        static ProblemTypeView of(ProblemType type) {
            return new ProblemTypeView(type.uri().toString(), type.status().value(), type.title(), type.description());
        }
    }
}
