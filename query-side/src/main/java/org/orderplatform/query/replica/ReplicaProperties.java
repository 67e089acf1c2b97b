package org.orderplatform.query.replica;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code orders.db.read-*}: the standby the query side reads from; empty URL: the primary only. */
@ConfigurationProperties("orders.db")
record ReplicaProperties(
        String readUrl,
        String readUser,
        String readPassword,
        @DefaultValue("10") int readPoolSize) {}
