package org.orderplatform.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Whether the caller may see an order's events: exactly when it may read the order. A ready node
 * is asked, with the caller's own key ({@code GET /api/v1/orders/{id}}), so the REST API's rules
 * apply unchanged: the {@code orders:read} scope, and a customer's key seeing its own orders only
 * (another's is 404). The node's refusal is the caller's answer.
 */
final class OrderAccess {

    private static final List<String> PASSED =
            List.of(TrackAwareLoadBalancer.API_KEY, HttpHeaders.AUTHORIZATION, EdgeFilter.CORRELATION_ID);

    private final NodeInstances nodes;
    private final WebClient http;
    private final ObjectMapper json;

    OrderAccess(NodeInstances nodes, WebClient.Builder http, ObjectMapper json) {
        this.nodes = nodes;
        this.http = http.build();
        this.json = json;
    }

    /** The order's creation time when the caller may read it (empty if the node does not say). */
    Mono<Optional<Instant>> check(String orderId, HttpHeaders caller) {
        List<ServiceInstance> ready = nodes.routable();
        if (ready.isEmpty()) {
            return Mono.error(new org.springframework.cloud.gateway.support.NotFoundException("No ready node"));
        }
        ServiceInstance node = ready.get(Math.floorMod(orderId.hashCode(), ready.size()));
        return http.get()
                .uri(node.getUri().resolve("/api/v1/orders/").resolve(encode(orderId)))
                .headers(headers -> PASSED.forEach(name -> {
                    String value = caller.getFirst(name);
                    if (value != null) {
                        headers.set(name, value);
                    }
                }))
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(body -> {
                            if (!response.statusCode().is2xxSuccessful()) {
                                throw new NodeRefusal(
                                        response.statusCode(),
                                        response.headers().contentType().orElse(null),
                                        body);
                            }
                            return createdAt(body);
                        }));
    }

    private Optional<Instant> createdAt(byte[] body) {
        try {
            JsonNode order = json.readTree(body);
            return order.hasNonNull("createdAt")
                    ? Optional.of(Instant.parse(order.get("createdAt").asText()))
                    : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String encode(String orderId) {
        // an id is a path segment: anything else is not an order id
        if (!orderId.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "Not an order id: " + orderId.length() + " characters");
        }
        return orderId;
    }
}
