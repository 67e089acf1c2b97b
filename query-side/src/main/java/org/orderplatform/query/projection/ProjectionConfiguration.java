package org.orderplatform.query.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.orderplatform.query.customers.CustomerStatsProjection;
import org.orderplatform.query.orders.OrderDetailProjection;
import org.orderplatform.query.orders.OrderSummaryProjection;
import org.orderplatform.query.slot.ReadModelSlots;
import org.orderplatform.query.slot.Slot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live projections (following each read model's active slot) and the settings of their
 * processors that Axon's properties do not cover. Segments, threads and batch size are set per
 * processor under {@code axon.eventhandling.processors.<name>} (see application.yml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionProperties.class)
class ProjectionConfiguration {

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
     * A failing event handler must never be skipped silently (Axon's default only logs): with a
     * dead-letter queue the event is parked, without one the failure stops the segment until it
     * is fixed.
     */
    @Autowired
    void configureProcessors(EventProcessingConfigurer processing, ProjectionProperties properties) {
        processing.registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
        RetryTransientFailures deadLetterPolicy = new RetryTransientFailures();
        boolean fromHead = properties.initialPosition() == ProjectionProperties.InitialPosition.HEAD;
        for (ReadModel model : ReadModel.values()) {
            processing.registerPooledStreamingEventProcessorConfiguration(
                    model.processingGroup(),
                    (config, builder) -> builder.initialToken(
                            source -> fromHead ? source.createHeadToken() : source.createTailToken()));
            processing.registerDeadLetterPolicy(model.processingGroup(), config -> deadLetterPolicy);
            // A replay starts over from the first event: the old dead letters go (the replay meets
            // those events again). The cache saves a dead-letter lookup per event.
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                    model.processingGroup(),
                    (config, builder) -> builder.allowReset(true).enableSequenceIdentifierCache());
        }
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
