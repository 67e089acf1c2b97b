package org.orderplatform.eventstore.processing;

import org.orderplatform.eventstore.processing.StreamProcessor.Kind;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.processing.*}: the tuning of every streaming processor, by kind. Defaults are
 * here, measured on a 2-core machine (docs/performance.md); each can be set from the environment,
 * e.g. {@code ORDERS_PROCESSING_PROJECTIONS_BATCH_SIZE}.
 */
@ConfigurationProperties("orders.processing")
public record ProcessingProperties(Tuning projections, Tuning saga, Tuning relay) {

    public ProcessingProperties {
        projections = Tuning.orDefault(projections, new Tuning(2, 2, 100));
        saga = Tuning.orDefault(saga, new Tuning(2, 2, 1));
        relay = Tuning.orDefault(relay, new Tuning(2, 2, 200));
    }

    public Tuning of(Kind kind) {
        return switch (kind) {
            case PROJECTION -> projections;
            case SAGA -> saga;
            case RELAY -> relay;
        };
    }

    /**
     * @param segments how many parts a new processor's events are split into (by aggregate); the
     *     most nodes x threads that can work in parallel. Changing it later needs a split or merge.
     * @param threads worker threads per node
     * @param batchSize events handled per transaction
     */
    public record Tuning(Integer segments, Integer threads, Integer batchSize) {

        static Tuning orDefault(Tuning given, Tuning defaults) {
            if (given == null) {
                return defaults;
            }
            Tuning tuning = new Tuning(
                    given.segments == null ? defaults.segments : given.segments,
                    given.threads == null ? defaults.threads : given.threads,
                    given.batchSize == null ? defaults.batchSize : given.batchSize);
            if (tuning.segments < 1 || tuning.threads < 1 || tuning.batchSize < 1) {
                throw new IllegalArgumentException(
                        "orders.processing: segments, threads and batch-size must be at least 1, were " + tuning);
            }
            return tuning;
        }
    }
}
