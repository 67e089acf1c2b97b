package org.orderplatform.query.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;
import org.orderplatform.eventstore.positions.ProcessorTokens;
import org.orderplatform.eventstore.positions.TokenPositions;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.Slot;

/**
 * A bulk run's chunks, crash safety and hand-over: each chunk commits with the processor's tokens,
 * so whatever stops a run leaves rows and tokens that agree, and the ordinary processor finishes
 * the job from there.
 */
class BulkRunIT {

    private static AxonOnTestDatabase axon;

    @BeforeAll
    static void start() throws Exception {
        axon = new AxonOnTestDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        axon.close();
    }

    @BeforeEach
    void emptyStore() {
        axon.reset();
    }

    @Test
    void anOrderPlacedInOneChunkAndChangedInLaterOnesEndsAsTheLiveHandlersLeaveIt() {
        Instant at = Instant.parse("2026-02-01T08:00:00.123Z");
        ShippingAddress home = new ShippingAddress("Ada", "1 Main Street", null, "London", null, "N1", "GB");
        ShippingAddress office =
                new ShippingAddress("Ada", "5 Unter den Linden", "3rd floor", "Berlin", "BE", "10117", "DE");
        OrderPlaced placed = new OrderPlaced("x", "c", "EUR", List.of(new OrderLine("SKU", 2, 500)), home, 1000, null);
        OrderPlaced other = new OrderPlaced("y", "c", "EUR", List.of(new OrderLine("SKU", 1, 700)), home, 700, null);
        // chunks of two: [x placed, noise] [x moved, x confirmed] [y placed, y cancelled] [x cancelled]
        axon.append(List.of(
                event("x", 0, placed, at),
                event("noise", 0, new OrderConfirmed("noise"), at.plusSeconds(1)),
                event("x", 1, new ShippingAddressChanged("x", office), at.plusSeconds(2)),
                event("x", 2, new OrderConfirmed("x"), at.plusSeconds(3)),
                event("y", 0, other, at.plusSeconds(4)),
                event("y", 1, new OrderCancelled("y", CancellationReason.OUT_OF_STOCK, null), at.plusSeconds(5)),
                event(
                        "x",
                        3,
                        new OrderCancelled("x", CancellationReason.CUSTOMER_REQUEST, "tab\tand\\"),
                        at.plusSeconds(6))));

        for (ReadModel model : ReadModel.values()) {
            axon.projectLive(model, Slot.A);
            BulkOutcome outcome = axon.bulk(axon.engine, 2).run(new BulkRun(model, Slot.B, "chunks", 1, false));

            assertThat(outcome.completed()).isTrue();
            assertThat(axon.rows(model, Slot.B)).as(model.name()).isEqualTo(axon.rows(model, Slot.A));
        }
        Map<String, Object> x = axon.jdbc.queryForMap("SELECT * FROM order_detail_b WHERE order_id = 'x'");
        assertThat(x.get("status")).isEqualTo("CANCELLED");
        assertThat(x.get("version")).isEqualTo(3L);
        assertThat(x.get("shipping_address").toString()).contains("Unter den Linden");
        // the address columns beside the document (the expand step of docs/migrations.md)
        assertThat(x.get("ship_to_line1").toString()).contains("Unter den Linden");
        assertThat(axon.jdbc.queryForMap("SELECT * FROM customer_stats_b"))
                .containsEntry("order_count", 2L)
                .containsEntry("cancelled_count", 2L)
                .containsEntry("cancelled_total_minor", 1700L);
    }

    @Test
    void eventsStoredWithANulBeforeTheApiRefusedItAreReplayedNotHandedOver() {
        Instant at = Instant.parse("2026-02-01T08:00:00Z");
        ShippingAddress nul = new ShippingAddress("A\u0000B", "1 Main\uD800 Street", null, "London", null, "N1", "GB");
        axon.append(List.of(
                event(
                        "x",
                        0,
                        new OrderPlaced("x", "c", "EUR", List.of(new OrderLine("SKU", 1, 500)), nul, 500, null),
                        at),
                event("x", 1, new ShippingAddressChanged("x", nul), at.plusSeconds(1)),
                event(
                        "x",
                        2,
                        new OrderCancelled("x", CancellationReason.CUSTOMER_REQUEST, "no\u0000pe"),
                        at.plusSeconds(2))));

        axon.projectLive(ReadModel.ORDER_DETAIL, Slot.A);
        BulkOutcome outcome =
                axon.bulk(axon.engine, 2).run(new BulkRun(ReadModel.ORDER_DETAIL, Slot.B, "nul", 1, false));

        assertThat(outcome.completed()).isTrue();
        assertThat(axon.rows(ReadModel.ORDER_DETAIL, Slot.B)).isEqualTo(axon.rows(ReadModel.ORDER_DETAIL, Slot.A));
        Map<String, Object> x = axon.jdbc.queryForMap("SELECT * FROM order_detail_b WHERE order_id = 'x'");
        assertThat(x.get("version")).isEqualTo(2L);
        assertThat(x.get("shipping_address").toString()).contains("A\uFFFDB", "1 Main\uFFFD Street");
        assertThat(x)
                .containsEntry("ship_to_recipient", "A\uFFFDB")
                .containsEntry("ship_to_line1", "1 Main\uFFFD Street");
        assertThat(x.get("cancellation").toString()).contains("no\uFFFDpe");
    }

    @Test
    void aRunCutOffMidwayLeavesRowsAndTokensThatAgreeAndTheProcessorFinishesTheJob() {
        appendHistories(120);
        String name = "detail-crash";

        // the node "dies" while reading the fourth chunk: three are committed
        BulkOutcome outcome = axon.bulk(
                        new EngineWithIncident(axon.engine, 350, () -> {
                            throw new IllegalStateException("node died");
                        }),
                        100)
                .run(new BulkRun(ReadModel.ORDER_DETAIL, Slot.B, name, 2, true));

        assertThat(outcome.ending()).isEqualTo(BulkOutcome.Ending.HANDED_OVER);
        long committed = axon.positionOf(300);
        List<ProcessorTokens.SegmentToken> tokens = axon.tokens.of(name);
        assertThat(tokens).hasSize(2).allSatisfy(segment -> {
            assertThat(segment.token()).isInstanceOf(ReplayToken.class);
            assertThat(segment.owner()).isNull();
        });
        assertThat(TokenPositions.position(tokens)).isEqualTo(committed);
        assertThat(TokenPositions.replayTarget(tokens)).hasValue(axon.head());
        axon.projectLive(ReadModel.ORDER_DETAIL, Slot.A, committed);
        assertThat(axon.rows(ReadModel.ORDER_DETAIL, Slot.B)).isEqualTo(axon.rows(ReadModel.ORDER_DETAIL, Slot.A));

        // the node comes back: its processor goes on from the last chunk
        PooledStreamingEventProcessor processor = axon.processor(name, ReadModel.ORDER_DETAIL, Slot.B);
        processor.start();
        awaitCaughtUp(name);
        processor.shutDown();

        axon.truncate(ReadModel.ORDER_DETAIL, Slot.A);
        axon.projectLive(ReadModel.ORDER_DETAIL, Slot.A);
        assertThat(axon.rows(ReadModel.ORDER_DETAIL, Slot.B)).isEqualTo(axon.rows(ReadModel.ORDER_DETAIL, Slot.A));
        assertThat(axon.deadLetters.count(name)).isZero();
    }

    @Test
    void aRunRefusesToWriteOnOnceAnotherNodeClaimedASegment() {
        appendHistories(100);
        String name = "summary-claimed";

        BulkOutcome outcome = axon.bulk(
                        new EngineWithIncident(
                                axon.engine,
                                250,
                                () -> axon.jdbc.update(
                                        "UPDATE token_entry SET owner = 'other-node' WHERE processor_name = ?"
                                                + " AND segment = 1",
                                        name)),
                        100)
                .run(new BulkRun(ReadModel.ORDER_SUMMARY, Slot.B, name, 2, true));

        assertThat(outcome.ending()).isEqualTo(BulkOutcome.Ending.REFUSED);
        assertThat(outcome.cause()).hasMessageContaining("other-node");
        // the reader runs ahead of the writer: the claim lands while chunk 1, 2 or 3 is written
        long committed = TokenPositions.position(axon.tokens.of(name));
        assertThat(committed).isIn(axon.positionOf(1) - 1, axon.positionOf(100), axon.positionOf(200));
        assertThat(axon.tokens.of(name))
                .extracting(ProcessorTokens.SegmentToken::owner)
                .contains("other-node");
        axon.projectLive(ReadModel.ORDER_SUMMARY, Slot.A, committed);
        assertThat(axon.rows(ReadModel.ORDER_SUMMARY, Slot.B)).isEqualTo(axon.rows(ReadModel.ORDER_SUMMARY, Slot.A));
    }

    @Test
    void aPoisonEventMidwayEndsParkedByTheProcessorAndEveryOtherOrderIsRight() {
        OrderHistories histories = new OrderHistories(7);
        List<DomainEventMessage<?>> before = histories.interleaved(60, 5);
        String poisoned = "poison-" + UUID.randomUUID();
        List<Object> history = histories.history(poisoned, "rejected-customer");
        List<DomainEventMessage<?>> poison = new ArrayList<>();
        for (int version = 0; version < history.size(); version++) {
            poison.add(event(poisoned, version, history.get(version), Instant.parse("2026-02-02T00:00:00Z")));
        }
        List<DomainEventMessage<?>> after = new OrderHistories(8).interleaved(60, 5);
        axon.append(before);
        axon.append(poison);
        axon.append(after);
        String name = "summary-poison";
        axon.jdbc.execute(
                "ALTER TABLE order_summary_b ADD CONSTRAINT bulk_run_it CHECK (customer_id <> 'rejected-customer')");
        try {
            BulkOutcome outcome =
                    axon.bulk(axon.engine, 50).run(new BulkRun(ReadModel.ORDER_SUMMARY, Slot.B, name, 2, true));

            assertThat(outcome.ending()).isEqualTo(BulkOutcome.Ending.HANDED_OVER);
            assertThat(outcome.cause()).hasMessageContaining("bulk_run_it");
            PooledStreamingEventProcessor processor = axon.processor(name, ReadModel.ORDER_SUMMARY, Slot.B);
            processor.start();
            awaitCaughtUp(name);
            processor.shutDown();
        } finally {
            axon.jdbc.execute("ALTER TABLE order_summary_b DROP CONSTRAINT bulk_run_it");
        }

        assertThat(axon.jdbc.queryForList(
                        "SELECT sequence_identifier FROM dead_letter_entry WHERE processing_group = ?",
                        String.class,
                        name))
                .hasSize(history.size())
                .containsOnly(poisoned);
        axon.projectLive(ReadModel.ORDER_SUMMARY, Slot.A);
        axon.jdbc.update("DELETE FROM order_summary_a WHERE order_id = ?", poisoned);
        assertThat(axon.rows(ReadModel.ORDER_SUMMARY, Slot.B)).isEqualTo(axon.rows(ReadModel.ORDER_SUMMARY, Slot.A));
    }

    private static void awaitCaughtUp(String name) {
        long head = axon.head();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    List<ProcessorTokens.SegmentToken> tokens = axon.tokens.of(name);
                    return TokenPositions.position(tokens) >= head
                            && TokenPositions.replayTarget(tokens).isEmpty();
                });
    }

    private static void appendHistories(int orders) {
        List<DomainEventMessage<?>> events = new OrderHistories(orders).interleaved(orders, 7);
        for (int from = 0; from < events.size(); from += 40) {
            axon.append(events.subList(from, Math.min(events.size(), from + 40)));
        }
    }

    private static DomainEventMessage<?> event(String orderId, long version, Object payload, Instant at) {
        return new GenericDomainEventMessage<>(
                "Order",
                orderId,
                version,
                payload,
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                at);
    }
}
