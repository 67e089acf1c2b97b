package org.orderplatform.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.orderplatform.OrderPlatformApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform as every benchmark starts it: embedded PostgreSQL and Kafka, fresh and thrown away
 * after, a free port, quiet logs, plus the benchmark's own settings (command-line arguments: they
 * win over application.yml and the environment).
 */
final class BenchmarkPlatform {

    private BenchmarkPlatform() {}

    static ConfigurableApplicationContext start(String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=",
                "--spring.kafka.bootstrap-servers=",
                "--orders.embedded.ephemeral=true",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(OrderPlatformApplication.class).run(arguments.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
