package org.orderplatform.query.admin;

import jakarta.annotation.PostConstruct;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.orderplatform.eventstore.positions.EventPositions;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.eventstore.positions.TokenPositions;
import org.orderplatform.query.bulk.BulkRun;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.ReadModelSlots;
import org.springframework.stereotype.Service;

/** Puts together what {@code GET /admin/projections} shows about each processor. */
@Service
class ProjectionStatusService {

    private final ProjectionProcessors processors;
    private final ProcessorTokens tokens;
    private final EventPositions positions;
    private final ThroughputSampler throughput;
    private final RebuildService rebuilds;
    private final ReplayService replays;
    private final DeadLetters deadLetters;
    private final ReadModelSlots slots;
    private final RebuildRecords records;

    ProjectionStatusService(
            ProjectionProcessors processors,
            ProcessorTokens tokens,
            EventPositions positions,
            ThroughputSampler throughput,
            RebuildService rebuilds,
            ReplayService replays,
            DeadLetters deadLetters,
            ReadModelSlots slots,
            RebuildRecords records) {
        this.records = records;
        this.processors = processors;
        this.tokens = tokens;
        this.positions = positions;
        this.throughput = throughput;
        this.rebuilds = rebuilds;
        this.replays = replays;
        this.deadLetters = deadLetters;
        this.slots = slots;
    }

    @PostConstruct
    void watchAll() {
        // a bulk replay where it is; otherwise the live processor's tokens
        Arrays.stream(ReadModel.values())
                .forEach(model -> throughput.watch(
                        model.processingGroup(),
                        () -> replays.bulkRun(model)
                                .map(BulkRun::position)
                                .orElseGet(() -> TokenPositions.position(tokens.of(model.processingGroup())))));
    }

    List<ProjectionStatusView> all() {
        return Arrays.stream(ReadModel.values()).map(this::of).toList();
    }

    ProjectionStatusView of(ReadModel model) {
        long head = positions.head();
        List<ProcessorTokens.SegmentToken> segments = tokens.of(model.processingGroup());
        double rate = throughput.eventsPerSecond(model.processingGroup());
        Optional<BulkRun> bulk = replays.bulkRun(model);
        long position;
        OptionalLong replayTarget;
        if (bulk.isPresent()) {
            // a bulk replay on this node: where its last chunk is (0 until the read model is emptied)
            BulkRun run = bulk.get();
            position = run.position();
            replayTarget = OptionalLong.of(Math.max(run.target() > 0 ? run.target() : head, position));
        } else {
            position = TokenPositions.position(segments);
            replayTarget = TokenPositions.replayTarget(segments);
        }
        ProjectionStatusView.Progress replay =
                replayTarget.isPresent() ? progress(position, replayTarget.getAsLong(), rate) : null;
        StreamingEventProcessor processor = processors.live(model);
        return new ProjectionStatusView(
                model.processingGroup(),
                state(processor),
                replay != null,
                slots.active(model.processingGroup()).code(),
                position,
                head,
                Math.max(0, head - position),
                rate,
                segments.stream()
                        .map(segment -> new ProjectionStatusView.Segment(
                                segment.segment(), segment.owner(), TokenPositions.position(segment.token())))
                        .toList(),
                replay,
                rebuild(model),
                deadLetters.count(model));
    }

    /**
     * The model's last rebuild as recorded, from whichever node ran it; with its progress from
     * memory when it runs here. One whose node stopped reporting mid-way is {@code interrupted}.
     */
    private ProjectionStatusView.RebuildView rebuild(ReadModel model) {
        RebuildService.Rebuild rebuild = rebuilds.status(model);
        Optional<RebuildRecords.Recorded> found = records.find(model);
        if (found.isPresent()
                && (rebuild == null || !rebuild.startedAt.equals(found.get().startedAt()))) {
            return recorded(model, found.get());
        }
        if (rebuild == null) {
            return null;
        }
        String name = RebuildService.processorName(model);
        ProjectionStatusView.Progress progress = null;
        if (rebuild.state.isActive()) {
            long position = rebuilds.position(model);
            progress = progress(
                    position, Math.max(rebuild.targetPosition, positions.head()), throughput.eventsPerSecond(name));
        }
        return new ProjectionStatusView.RebuildView(
                rebuild.state.name().toLowerCase(Locale.ROOT),
                rebuild.target.code(),
                rebuild.startedAt,
                rebuild.finishedAt,
                progress,
                rebuild.error);
    }

    private ProjectionStatusView.RebuildView recorded(ReadModel model, RebuildRecords.Recorded recorded) {
        if (recorded.interrupted()) {
            return new ProjectionStatusView.RebuildView(
                    "interrupted",
                    recorded.targetSlot(),
                    recorded.startedAt(),
                    null,
                    null,
                    "Node " + recorded.node() + " stopped while it rebuilt (last heard from at "
                            + recorded.heartbeatAt() + "). The active slot is unchanged; start the rebuild again.");
        }
        // another node's: how far its processor's tokens are (a bulk run on it reports none)
        ProjectionStatusView.Progress progress = recorded.running()
                ? progress(TokenPositions.position(tokens.of(RebuildService.processorName(model))), positions.head(), 0)
                : null;
        return new ProjectionStatusView.RebuildView(
                recorded.state(),
                recorded.targetSlot(),
                recorded.startedAt(),
                recorded.finishedAt(),
                progress,
                recorded.error());
    }

    private static String state(StreamingEventProcessor processor) {
        if (processor.isError()) {
            return "error";
        }
        return processor.isRunning() ? "running" : "stopped";
    }

    private static ProjectionStatusView.Progress progress(long position, long target, double rate) {
        double percent = target <= 0 ? 100.0 : Math.min(100.0, 100.0 * position / target);
        Long eta = rate > 0 ? Math.max(0, Math.round((target - position) / rate)) : null;
        return new ProjectionStatusView.Progress(target, Math.round(percent * 10) / 10.0, eta);
    }
}
