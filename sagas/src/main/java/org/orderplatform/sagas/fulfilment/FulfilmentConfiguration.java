package org.orderplatform.sagas.fulfilment;

import org.orderplatform.eventstore.processing.StreamProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FulfilmentSettings.class)
class FulfilmentConfiguration {

    /** Axon's name for the saga's processing group: the saga's class name + "Processor". */
    static final String PROCESSOR = "OrderFulfilmentSagaProcessor";

    /**
     * The saga's processor (the event-store module tunes and registers it). Its batch size is
     * one event per transaction by default, so a batch never holds the stock locks of several
     * orders at once (the saga's commands run in its transaction).
     */
    @Bean
    @ConditionalOnProperty(prefix = "orders.fulfilment", name = "enabled", matchIfMissing = true)
    StreamProcessor fulfilmentProcessor() {
        return StreamProcessor.saga(PROCESSOR);
    }
}
