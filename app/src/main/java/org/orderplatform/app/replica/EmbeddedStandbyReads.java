package org.orderplatform.app.replica;

import org.orderplatform.embedded.EmbeddedPostgresCluster;
import org.orderplatform.embedded.EmbeddedPostgresServer;
import org.orderplatform.query.replica.ReplicaEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * {@code ORDERS_EMBEDDED_READ_FROM_STANDBY=true}: the query side reads from the embedded runtime's
 * first standby, as it would from {@code ORDERS_DB_READ_URL} (which wins when set).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "orders.embedded.read-from-standby", havingValue = "true")
class EmbeddedStandbyReads {

    /** Lazy: asked for only when no ORDERS_DB_READ_URL is given (then no embedded one is needed). */
    @Bean
    @Lazy
    ReplicaEndpoint embeddedStandbyReplica(ObjectProvider<EmbeddedPostgresCluster> embedded) {
        EmbeddedPostgresCluster cluster = embedded.getIfAvailable();
        if (cluster == null || cluster.standbyCount() == 0) {
            throw new IllegalStateException("ORDERS_EMBEDDED_READ_FROM_STANDBY=true needs the embedded PostgreSQL with"
                    + " a standby (ORDERS_EMBEDDED_POSTGRES_STANDBYS=1 or more, and no ORDERS_DB_URL)");
        }
        return new ReplicaEndpoint(cluster.standby(1).jdbcUrl(), EmbeddedPostgresServer.USER, null);
    }
}
