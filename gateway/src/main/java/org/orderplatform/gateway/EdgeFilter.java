package org.orderplatform.gateway;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * What every request gets at the edge, before it is routed: a correlation id (the caller's, when
 * it is one the nodes accept, else a new one, echoed on the answer), the caller's address noted
 * for the canary decision of callers without a key, and no forwarding headers of the caller's
 * own (Spring Cloud Gateway then adds X-Forwarded-* as it sees the caller). The answer names the
 * node that made it ({@code X-Served-By}, {@code X-Served-Track}).
 */
final class EdgeFilter implements GlobalFilter, Ordered {

    static final String CORRELATION_ID = "X-Correlation-Id";
    /** Who the caller is, for the edge budget and the canary: its API key, else its address. */
    static final String CLIENT = EdgeFilter.class.getName() + ".client";

    static final String SERVED_BY = "X-Served-By";
    static final String SERVED_TRACK = "X-Served-Track";
    // the nodes' rule (docs/middleware.md): 1-64 of A-Z a-z 0-9 . _ : -
    private static final java.util.List<String> FORWARDED = List.of(
            "Forwarded",
            "X-Forwarded-For",
            "X-Forwarded-Host",
            "X-Forwarded-Port",
            "X-Forwarded-Proto",
            "X-Forwarded-Prefix");
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String id = request.getHeaders().getFirst(CORRELATION_ID);
        if (id == null || !VALID_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        String correlationId = id;
        InetSocketAddress remote = connectionAddress(request);
        exchange.getAttributes().put(CLIENT, client(request.getHeaders(), remote));
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders answer = exchange.getResponse().getHeaders();
            // the node echoes it; an answer the gateway makes itself gets it here
            answer.putIfAbsent(CORRELATION_ID, List.of(correlationId));
            servedBy(exchange, answer);
            return Mono.empty();
        });
        ServerHttpRequest withId = request.mutate()
                .headers(headers -> {
                    headers.set(CORRELATION_ID, correlationId);
                    // the gateway is the edge: what a client claims about addresses is dropped, and
                    // the X-Forwarded-* the nodes get are the gateway's own view of the caller
                    FORWARDED.forEach(headers::remove);
                })
                .build();
        ServerHttpRequest fromTheConnection = new ServerHttpRequestDecorator(withId) {
            @Override
            public InetSocketAddress getRemoteAddress() {
                return remote;
            }
        };
        return chain.filter(exchange.mutate().request(fromTheConnection).build());
    }

    /** The node that made the answer (the last attempt's) and its track: for testers and operators. */
    private static void servedBy(ServerWebExchange exchange, HttpHeaders answer) {
        if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR)
                        instanceof Response<?> chosen
                && chosen.getServer() instanceof ServiceInstance node) {
            answer.set(SERVED_BY, node.getInstanceId());
            answer.set(SERVED_TRACK, node.getMetadata().get(NodeInstances.TRACK));
        }
    }

    private static String client(HttpHeaders headers, InetSocketAddress remote) {
        String key = headers.getFirst(TrackAwareLoadBalancer.API_KEY);
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        }
        if (key != null) {
            return "key:" + key;
        }
        return "address:" + (remote == null ? "unknown" : remote.getAddress().getHostAddress());
    }

    /**
     * The address at the other end of the connection. Reactor Netty's own remote address already
     * took a client-sent X-Forwarded-For for the truth (even with its forwarded handling off), so
     * the socket is asked.
     */
    private static InetSocketAddress connectionAddress(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        if (nativeRequest instanceof Connection connection
                && connection.channel().remoteAddress() instanceof InetSocketAddress address) {
            return address;
        }
        return request.getRemoteAddress();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
