package org.orderplatform.eventstore.serialization;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.orderplatform.api.order.OrderCancelled;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The revision each event type is stored with, kept here rather than as {@code @Revision} on the
 * records: the shared API module stays free of serialization concerns. A type gets a new revision
 * together with the upcaster that brings the previous one up to it.
 */
@Configuration(proxyBeanMethods = false)
class EventRevisions {

    static final String ORDER_CANCELLED = "2";

    @Bean
    RevisionResolver revisionResolver() {
        AnnotationRevisionResolver annotations = new AnnotationRevisionResolver();
        return payloadType ->
                payloadType == OrderCancelled.class ? ORDER_CANCELLED : annotations.revisionOf(payloadType);
    }
}
