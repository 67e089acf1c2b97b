package org.orderplatform.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.orderplatform.OrderPlatformApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform as every benchmark starts it: embedded PostgreSQL and Kafka, fresh and thrown away
 * after, a free port, quiet logs, the benchmark's admin key with a limit no benchmark reaches, plus
 * the benchmark's own settings (command-line arguments: they win over application.yml and the
 * environment).
 */
final class BenchmarkPlatform {

    static final String KEY = "benchmark";

    /** Settings every platform of this run gets too ({@code --with=key=value} arguments): for experiments. */
    static final List<String> EXTRA = new ArrayList<>();

    private BenchmarkPlatform() {}

    static ConfigurableApplicationContext start(String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=",
                "--spring.kafka.bootstrap-servers=",
                "--orders.embedded.ephemeral=true",
                "--logging.level.root=WARN",
                "--orders.admin.api-key=" + KEY,
                "--orders.throttling.plans.admin.limit=1000000000"));
        arguments.addAll(List.of(settings));
        arguments.addAll(EXTRA);
        return new SpringApplicationBuilder(OrderPlatformApplication.class).run(arguments.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** Stops the named streaming processors on this node, so they neither work nor compete for CPU. */
    static void stopProcessors(ConfigurableApplicationContext app, String... names) {
        EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
        for (String name : names) {
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(StreamingEventProcessor::shutDown);
        }
    }

    static StreamingEventProcessor processor(ConfigurableApplicationContext app, String name) {
        return app.getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No processor " + name));
    }
}
