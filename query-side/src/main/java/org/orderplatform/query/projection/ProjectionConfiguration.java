package org.orderplatform.query.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Function;
import java.util.function.Supplier;
import org.orderplatform.eventstore.processing.StreamProcessor;
import org.orderplatform.query.bulk.BulkProperties;
import org.orderplatform.query.customers.CustomerStatsBulkProjector;
import org.orderplatform.query.customers.CustomerStatsProjection;
import org.orderplatform.query.orders.OrderDetailBulkProjector;
import org.orderplatform.query.orders.OrderDetailProjection;
import org.orderplatform.query.orders.OrderSummaryBulkProjector;
import org.orderplatform.query.orders.OrderSummaryProjection;
import org.orderplatform.query.slot.ReadModelSlots;
import org.orderplatform.query.slot.Slot;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live projections (following each read model's active slot) and their processors, and each
 * read model's bulk projector for replays and rebuilds.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProjectionProperties.class, BulkProperties.class})
class ProjectionConfiguration {

    @Bean
    BulkProjector orderSummaryBulkProjector() {
        return new OrderSummaryBulkProjector();
    }

    /** The same JSON mapper as the live projection: the same text for the same values. */
    @Bean
    BulkProjector orderDetailBulkProjector(ObjectMapper json) {
        return new OrderDetailBulkProjector(json);
    }

    @Bean
    BulkProjector customerStatsBulkProjector() {
        return new CustomerStatsBulkProjector();
    }

    @Bean
    Projections orderSummaryProjections(JdbcTemplate jdbc, ProjectionWrites writes) {
        return projections(ReadModel.ORDER_SUMMARY, slot -> new OrderSummaryProjection(jdbc, writes, slot));
    }

    @Bean
    Projections orderDetailProjections(JdbcTemplate jdbc, ProjectionWrites writes, ObjectMapper json) {
        return projections(ReadModel.ORDER_DETAIL, slot -> new OrderDetailProjection(jdbc, writes, json, slot));
    }

    @Bean
    Projections customerStatsProjections(JdbcTemplate jdbc, ProjectionWrites writes) {
        return projections(ReadModel.CUSTOMER_STATS, slot -> new CustomerStatsProjection(jdbc, writes, slot));
    }

    @Bean
    OrderSummaryProjection orderSummaryProjection(JdbcTemplate jdbc, ProjectionWrites writes, ReadModelSlots slots) {
        return new OrderSummaryProjection(jdbc, writes, () -> slots.active(ReadModel.ORDER_SUMMARY_GROUP));
    }

    @Bean
    OrderDetailProjection orderDetailProjection(
            JdbcTemplate jdbc, ProjectionWrites writes, ObjectMapper json, ReadModelSlots slots) {
        return new OrderDetailProjection(jdbc, writes, json, () -> slots.active(ReadModel.ORDER_DETAIL_GROUP));
    }

    @Bean
    CustomerStatsProjection customerStatsProjection(JdbcTemplate jdbc, ProjectionWrites writes, ReadModelSlots slots) {
        return new CustomerStatsProjection(jdbc, writes, () -> slots.active(ReadModel.CUSTOMER_STATS_GROUP));
    }

    /**
     * One processor per read model, with its dead-letter queue: a poison event is parked, a
     * passing failure retried ({@link RetryTransientFailures}). The event-store module tunes and
     * registers them. {@code customer-stats} has one segment: it sums many orders into one row
     * per customer while events are split over segments by order; two segments would update the
     * same rows in parallel (deadlocks, and lost ordering).
     */
    @Bean
    StreamProcessor orderSummaryProcessor(ProjectionProperties properties) {
        return processor(ReadModel.ORDER_SUMMARY, properties);
    }

    @Bean
    StreamProcessor orderDetailProcessor(ProjectionProperties properties) {
        return processor(ReadModel.ORDER_DETAIL, properties);
    }

    @Bean
    StreamProcessor customerStatsProcessor(ProjectionProperties properties) {
        return processor(ReadModel.CUSTOMER_STATS, properties).withSegments(1);
    }

    private static StreamProcessor processor(ReadModel model, ProjectionProperties properties) {
        StreamProcessor.Start start = properties.initialPosition() == ProjectionProperties.InitialPosition.HEAD
                ? StreamProcessor.Start.HEAD
                : StreamProcessor.Start.TAIL;
        return StreamProcessor.projection(model.processingGroup(), start, new RetryTransientFailures());
    }

    private static Projections projections(ReadModel model, Function<Supplier<Slot>, Object> factory) {
        return new Projections() {
            @Override
            public ReadModel readModel() {
                return model;
            }

            @Override
            public Object create(Supplier<Slot> slot) {
                return factory.apply(slot);
            }
        };
    }
}
