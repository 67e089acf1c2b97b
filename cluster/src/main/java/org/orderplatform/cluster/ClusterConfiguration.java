package org.orderplatform.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * This node in the cluster: it joins when the application starts (before the web server, so the
 * others know it by the time it serves), announces its HTTP address once it listens and its
 * readiness whenever it changes, and leaves with a goodbye when the application stops.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
@ConditionalOnProperty(name = "orders.cluster.enabled", havingValue = "true", matchIfMissing = true)
public class ClusterConfiguration {

    @Bean
    Membership membership(
            ClusterProperties properties,
            ObjectProvider<BuildProperties> build,
            @Value("${orders.fulfilment.enabled:true}") boolean fulfilment,
            @Value("${orders.webhooks.dispatcher.enabled:true}") boolean dispatcher) {
        String version = !properties.version().isBlank()
                ? properties.version()
                : build.getIfAvailable() != null ? build.getIfAvailable().getVersion() : "unknown";
        List<String> roles = new ArrayList<>(properties.roles());
        if (roles.isEmpty()) {
            roles.add("api");
            if (fulfilment) {
                roles.add("fulfilment");
            }
            if (dispatcher) {
                roles.add("dispatcher");
            }
        }
        String nodeId = properties.nodeId().isBlank()
                ? "node-" + UUID.randomUUID().toString().substring(0, 8)
                : properties.nodeId();
        return new Membership(
                properties.settings(), new NodeMetadata(nodeId, "", properties.track(), version, false, roles));
    }

    @Bean
    SmartLifecycle membershipLifecycle(Membership membership) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                membership.start();
                running = true;
            }

            @Override
            public void stop() {
                membership.close(); // a goodbye: the others remove this node at once
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // before the web server starts serving, and stopped after it
                return Integer.MAX_VALUE / 2;
            }
        };
    }

    @Bean
    MembershipAnnouncer membershipAnnouncer(Membership membership, ClusterProperties properties) {
        return new MembershipAnnouncer(membership, properties.host());
    }

    /** Keeps this node's metadata true: where it listens, and whether it is ready. */
    static final class MembershipAnnouncer {
        private final Membership membership;
        private final String host;

        MembershipAnnouncer(Membership membership, String host) {
            this.membership = membership;
            this.host = host;
        }

        @EventListener
        void listening(WebServerInitializedEvent event) {
            if (event.getApplicationContext().getServerNamespace() != null) {
                return; // the management port, if it is a separate one
            }
            membership.updateMetadata(metadata -> metadata.withHttpAddress(
                    "http://" + host + ":" + event.getWebServer().getPort()));
        }

        @EventListener
        void readiness(AvailabilityChangeEvent<ReadinessState> event) {
            membership.updateMetadata(
                    metadata -> metadata.withReady(event.getState() == ReadinessState.ACCEPTING_TRAFFIC));
        }
    }
}
