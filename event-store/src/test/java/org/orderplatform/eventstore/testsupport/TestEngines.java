package org.orderplatform.eventstore.testsupport;

import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.orderplatform.eventstore.storage.AxonSchemas;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Axon's JDBC engine on the platform's schema, for this module's tests (no Axon configuration around it). */
public final class TestEngines {

    private TestEngines() {}

    /** An engine appending through the transactions of {@code transactions}; customise before building. */
    public static JdbcEventStorageEngine.Builder jdbc(
            DataSource dataSource, DataSourceTransactionManager transactions) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactions))
                .schema(AxonSchemas.events())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
    }
}
