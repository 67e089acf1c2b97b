package org.orderplatform.it;

import java.util.ArrayList;
import java.util.List;
import org.orderplatform.OrderPlatformApplication;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts another node of the platform on a test's database and broker, configured the way
 * production nodes are: external servers, nothing embedded (starting one would fail it).
 */
final class OtherNode {

    private OtherNode() {}

    static ConfigurableApplicationContext start(
            JdbcConnectionDetails database, KafkaConnectionDetails kafka, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + nullToEmpty(database.getUsername()),
                "--spring.datasource.password=" + nullToEmpty(database.getPassword()),
                "--spring.kafka.bootstrap-servers=" + String.join(",", kafka.getBootstrapServers()),
                "--orders.embedded.enabled=false"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(OrderPlatformApplication.class).run(arguments.toArray(String[]::new));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
