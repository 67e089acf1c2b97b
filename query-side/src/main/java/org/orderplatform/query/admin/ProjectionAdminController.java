package org.orderplatform.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Projection admin", description = "Status, replay, zero-downtime rebuild and dead letters")
@SecurityRequirement(name = "apiKey")
class ProjectionAdminController {

    private final ProjectionStatusService status;
    private final ReplayService replays;
    private final RebuildService rebuilds;
    private final DeadLetters deadLetters;

    ProjectionAdminController(
            ProjectionStatusService status, ReplayService replays, RebuildService rebuilds, DeadLetters deadLetters) {
        this.status = status;
        this.replays = replays;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(
            operationId = "listProjections",
            summary = "Every projection: state, segments, position, head, lag, rate, replay/rebuild progress")
    List<ProjectionStatusView> all() {
        return status.all();
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getProjection", summary = "One projection (the status resource of its replay or rebuild)")
    ProjectionStatusView one(@PathVariable String name) {
        return status.of(ProjectionProcessors.readModel(name));
    }

    @PostMapping("/{name}/replay")
    @Operation(
            operationId = "replayProjection",
            summary = "Replay in place",
            description = "Empties the read model and refills it from the first "
                    + "event. 202 with the status resource; 409 while a replay or rebuild runs.")
    // springdoc documents this as the success status; the ResponseEntity sets it
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(
            responseCode = "202",
            description = "Started: the projection's status",
            headers =
                    @Header(
                            name = HttpHeaders.LOCATION,
                            required = true,
                            description = "The projection's status resource",
                            schema = @Schema(type = "string", format = "uri")))
    @ApiResponse(
            responseCode = "409",
            description = "A replay or rebuild of the projection runs, or another node holds its segments")
    ResponseEntity<ProjectionStatusView> replay(@PathVariable String name) {
        ReadModel model = ProjectionProcessors.readModel(name);
        replays.replay(model);
        return accepted(model);
    }

    @PostMapping("/{name}/rebuild")
    @Operation(
            operationId = "rebuildProjection",
            summary = "Rebuild without downtime",
            description = "Builds into the inactive slot while the "
                    + "active one serves queries, then switches. 202 with the status resource; 409 while one runs.")
    // springdoc documents this as the success status; the ResponseEntity sets it
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(
            responseCode = "202",
            description = "Started: the projection's status",
            headers =
                    @Header(
                            name = HttpHeaders.LOCATION,
                            required = true,
                            description = "The projection's status resource",
                            schema = @Schema(type = "string", format = "uri")))
    @ApiResponse(
            responseCode = "409",
            description = "A replay or rebuild of the projection runs, or another node holds its segments")
    ResponseEntity<ProjectionStatusView> rebuild(@PathVariable String name) {
        ReadModel model = ProjectionProcessors.readModel(name);
        rebuilds.start(model);
        return accepted(model);
    }

    @GetMapping("/{name}/dead-letters")
    @Operation(operationId = "listProjectionDeadLetters", summary = "Events parked by this projection, oldest first")
    @ApiResponse(
            responseCode = "200",
            description = "A page of dead letters",
            headers =
                    @Header(
                            name = HttpHeaders.LINK,
                            description = "The next page (rel=\"next\"), if there is one",
                            schema = @Schema(type = "string")))
    ResponseEntity<DeadLetterPage> deadLetters(
            @PathVariable String name,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        ReadModel model = ProjectionProcessors.readModel(name);
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw new ProblemException(StandardProblem.INVALID_QUERY, "limit must be a whole number from 1 to 100");
        }
        DeadLetterPage page = deadLetters.page(model, size, cursor);
        var response = ResponseEntity.ok();
        if (page.nextCursor() != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", page.nextCursor())
                    .build()
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(page);
    }

    @PostMapping("/{name}/dead-letters/retry")
    @Operation(
            operationId = "retryProjectionDeadLetters",
            summary = "Retry the dead letters",
            description = "Handles parked sequences again, oldest first, "
                    + "until none is left or one fails again (it stays parked with its new cause).")
    RetryResult retry(@PathVariable String name) {
        ReadModel model = ProjectionProcessors.readModel(name);
        int processed = deadLetters.retry(model);
        return new RetryResult(processed, deadLetters.count(model));
    }

    /** How many parked events were handled, and how many are still parked. */
    record RetryResult(int processed, long remaining) {}

    private ResponseEntity<ProjectionStatusView> accepted(ReadModel model) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/admin/projections/{name}")
                .buildAndExpand(model.processingGroup())
                .toUri();
        return ResponseEntity.accepted().location(location).body(status.of(model));
    }
}
