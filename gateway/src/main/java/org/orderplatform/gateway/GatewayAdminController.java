package org.orderplatform.gateway;

import java.util.List;
import java.util.Map;
import org.orderplatform.cluster.MemberView;
import org.orderplatform.cluster.Membership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The gateway's own admin API (admin key): the canary's share, its promotion through the stages,
 * the last automatic rollback, and the cluster as the gateway sees it. Every change is logged as
 * an audit line.
 */
@RestController
class GatewayAdminController {

    private static final Logger audit = LoggerFactory.getLogger("org.orderplatform.gateway.audit");

    private final CanaryShare share;
    private final CanaryGuard guard;
    private final CanaryProperties properties;
    private final AdminKeys admins;
    private final Membership membership;

    GatewayAdminController(
            CanaryShare share,
            CanaryGuard guard,
            CanaryProperties properties,
            AdminKeys admins,
            Membership membership) {
        this.share = share;
        this.guard = guard;
        this.properties = properties;
        this.admins = admins;
        this.membership = membership;
    }

    @GetMapping(path = "/admin/canary", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CanaryView> canary(@RequestHeader(name = "X-API-Key", required = false) String key) {
        return asAdmin(key).map(ok -> view());
    }

    @PutMapping(path = "/admin/canary", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CanaryView> setShare(
            @RequestHeader(name = "X-API-Key", required = false) String key, @RequestBody ShareRequest request) {
        return asAdmin(key).map(ok -> {
            if (request == null
                    || request.sharePercent() == null
                    || !(request.sharePercent() >= 0 && request.sharePercent() <= 100)) {
                throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "sharePercent: 0 to 100");
            }
            change(request.sharePercent(), "set");
            return view();
        });
    }

    @PostMapping(path = "/admin/canary/promote", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CanaryView> promote(@RequestHeader(name = "X-API-Key", required = false) String key) {
        return asAdmin(key).map(ok -> {
            double next = properties.stages().stream()
                    .filter(stage -> stage > share.percent())
                    .findFirst()
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT, "The canary has all traffic"));
            change(next, "promoted");
            return view();
        });
    }

    @PostMapping(path = "/admin/canary/rollback", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CanaryView> rollback(@RequestHeader(name = "X-API-Key", required = false) String key) {
        return asAdmin(key).map(ok -> {
            change(0, "rolled back by hand");
            return view();
        });
    }

    @GetMapping(path = "/admin/cluster", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> cluster(@RequestHeader(name = "X-API-Key", required = false) String key) {
        return asAdmin(key)
                .map(ok -> Map.of(
                        "self", membership.self().nodeId(),
                        "gossipAddress", membership.gossipAddress(),
                        "members", membership.members()));
    }

    private void change(double percent, String how) {
        double was = share.percent();
        share.set(percent);
        guard.restart();
        audit.info("Canary share {} -> {} % ({})", was, percent, how);
    }

    private CanaryView view() {
        List<MemberView> nodes = membership.alive();
        long canaries = nodes.stream()
                .filter(node ->
                        TrackAwareLoadBalancer.CANARY.equals(node.metadata().track()))
                .count();
        return new CanaryView(
                share.percent(),
                properties.stages(),
                canaries,
                guard.lastRollback(),
                guard.canaryStats(),
                guard.stableStats());
    }

    private Mono<Boolean> asAdmin(String key) {
        return admins.check(key).map(status -> {
            if (status != HttpStatus.OK) {
                throw new ResponseStatusException(status, adminRefusal(status));
            }
            return true;
        });
    }

    private static String adminRefusal(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> "Send an API key with the admin scope in X-API-Key";
            case FORBIDDEN -> "This API key lacks the admin scope";
            default -> "No node can check the API key now";
        };
    }

    record ShareRequest(Double sharePercent) {}

    record CanaryView(
            double sharePercent,
            List<Double> stages,
            long canaryNodes,
            CanaryGuard.Rollback lastRollback,
            TrackWindow.Stats canary,
            TrackWindow.Stats stable) {}
}
