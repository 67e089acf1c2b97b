package org.orderplatform.gateway;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/v1/orders/{orderId}/events}: protocol translation at the edge. The order's
 * integration events, live from Kafka, as Server-Sent Events a browser's {@code EventSource}
 * reads; the same key and customer rules as reading the order over REST; resumable with
 * {@code Last-Event-ID}.
 */
@RestController
class OrderEventsController {

    private final OrderAccess access;
    private final OrderEventStream stream;
    private final EventStreamProperties properties;
    private final AtomicInteger open = new AtomicInteger();

    OrderEventsController(OrderAccess access, OrderEventStream stream, EventStreamProperties properties) {
        this.access = access;
        this.stream = stream;
        this.properties = properties;
    }

    @GetMapping(path = "/api/v1/orders/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> events(
            @PathVariable String orderId,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            ServerHttpRequest request) {
        if (properties.bootstrapServers().isBlank()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Event streams are not configured");
        }
        var resume = OrderEventStream.resumeAfter(lastEventId);
        return access.check(orderId, request.getHeaders()).flatMapMany(createdAt -> {
            if (open.incrementAndGet() > properties.maxStreams()) {
                open.decrementAndGet();
                return Flux.error(new ResponseStatusException(
                        HttpStatus.SERVICE_UNAVAILABLE, "Too many event streams open on this gateway"));
            }
            Flux<ServerSentEvent<String>> keepAlive = Flux.interval(properties.heartbeat())
                    .map(tick -> ServerSentEvent.<String>builder()
                            .comment("keep-alive")
                            .build());
            return Flux.merge(stream.events(orderId, createdAt, resume), keepAlive)
                    .doFinally(signal -> open.decrementAndGet());
        });
    }
}
