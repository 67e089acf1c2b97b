package org.orderplatform.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Whether an API key has the admin scope, for the gateway's own admin endpoints. The gateway keeps
 * no key store: it asks a ready node (an admin-only read, {@code GET /admin/cluster}) and
 * remembers the verdict for a few seconds, by the key's hash.
 */
final class AdminKeys {

    private static final Duration REMEMBER = Duration.ofSeconds(5);

    private final NodeInstances nodes;
    private final WebClient http;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    AdminKeys(NodeInstances nodes, WebClient.Builder http) {
        this.nodes = nodes;
        this.http = http.build();
    }

    /** 200: admin; 401/403 as the node answered; 503 when no node can tell. */
    Mono<HttpStatus> check(String key) {
        if (key == null || key.isBlank()) {
            return Mono.just(HttpStatus.UNAUTHORIZED);
        }
        String hash = sha256(key);
        Verdict known = verdicts.get(hash);
        if (known != null && known.until() > System.nanoTime()) {
            return Mono.just(known.status());
        }
        List<ServiceInstance> ready = nodes.routable();
        if (ready.isEmpty()) {
            return Mono.just(HttpStatus.SERVICE_UNAVAILABLE);
        }
        ServiceInstance node = ready.get(0);
        return http.get()
                .uri(node.getUri().resolve("/admin/cluster"))
                .header(TrackAwareLoadBalancer.API_KEY, key)
                .exchangeToMono(response -> Mono.just(
                        response.statusCode().is2xxSuccessful()
                                ? HttpStatus.OK
                                : response.statusCode().value() == 403
                                        ? HttpStatus.FORBIDDEN
                                        : HttpStatus.UNAUTHORIZED))
                .timeout(Duration.ofSeconds(5))
                .onErrorReturn(HttpStatus.SERVICE_UNAVAILABLE)
                .doOnNext(status -> {
                    if (status != HttpStatus.SERVICE_UNAVAILABLE) {
                        verdicts.put(hash, new Verdict(status, System.nanoTime() + REMEMBER.toNanos()));
                    }
                });
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Verdict(HttpStatus status, long until) {}
}
