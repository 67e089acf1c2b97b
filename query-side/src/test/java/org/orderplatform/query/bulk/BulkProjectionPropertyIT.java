package org.orderplatform.query.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderplatform.query.projection.ReadModel;
import org.orderplatform.query.slot.Slot;

/**
 * For random order histories, interleaved across orders and with gaps in the global index, the
 * bulk path leaves exactly the rows the live handlers leave, in every table of every read model,
 * whatever the chunk size (so orders placed in one chunk and changed in later ones, too).
 */
class BulkProjectionPropertyIT {

    private static AxonOnTestDatabase axon;

    @BeforeAll
    static void start() throws Exception {
        axon = new AxonOnTestDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        axon.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void bulkRowsEqualLiveRowsRowForRow(long seed) {
        Random random = new Random(seed);
        OrderHistories histories = new OrderHistories(seed);
        axon.jdbc.execute("TRUNCATE domain_event_entry, token_entry, dead_letter_entry");
        List<DomainEventMessage<?>> events = histories.interleaved(150 + random.nextInt(150), 1 + random.nextInt(12));
        for (int from = 0; from < events.size(); ) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(60));
            axon.append(events.subList(from, to));
            if (random.nextInt(4) == 0) {
                axon.appendRolledBack(histories.ghosts(1 + random.nextInt(5)));
            }
            from = to;
        }
        int chunkSize = 1 + random.nextInt(random.nextBoolean() ? 40 : 2_000);

        for (ReadModel model : ReadModel.values()) {
            axon.truncate(model, Slot.A);
            axon.projectLive(model, Slot.A);
            BulkRun run = new BulkRun(model, Slot.B, "bulk-" + model.processingGroup(), 2, seed % 2 == 0);

            BulkOutcome outcome = axon.bulk(axon.engine, chunkSize).run(run);

            assertThat(outcome.ending()).as("outcome, chunks of %d", chunkSize).isEqualTo(BulkOutcome.Ending.COMPLETED);
            assertThat(outcome.events()).isEqualTo(events.size());
            assertThat(axon.rows(model, Slot.B))
                    .as("%s, chunks of %d", model, chunkSize)
                    .isEqualTo(axon.rows(model, Slot.A));
            assertThat(axon.rows(model, Slot.A).values().iterator().next()).isNotEmpty();
        }
    }
}
