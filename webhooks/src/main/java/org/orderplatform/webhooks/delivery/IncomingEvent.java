package org.orderplatform.webhooks.delivery;

/** An integration event read from Kafka: what fan-out needs, and the body to deliver as is. */
record IncomingEvent(
        String eventId, String type, String orderId, String payload, String correlationId, String traceparent) {}
