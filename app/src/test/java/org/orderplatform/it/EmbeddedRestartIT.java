package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderplatform.OrderPlatformApplication;
import org.orderplatform.embedded.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded defaults as a user runs them: data in a directory, kept across restarts. Stops the
 * platform and starts it again on the same directory; the order placed before is still there.
 */
class EmbeddedRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void aRestartOnTheSameDataDirectoryKeepsTheOrders() {
        String orderId;
        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.getBean(EmbeddedPostgresServer.class).dataDirectory())
                    .isEqualTo(dataDir.resolve("postgres").toAbsolutePath());
            orderId = api(first).placeOrder();
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")))
                .isTrue();
        assertThat(Files.exists(dataDir.resolve("kafka").resolve("meta.properties")))
                .isTrue();

        try (ConfigurableApplicationContext second = start()) {
            Api.Response response = api(second)
                    .put("/api/v1/orders/" + orderId + "/shipping-address")
                    .ifMatch("\"0\"")
                    .json(OrderJson.paris())
                    .send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("ETag")).isEqualTo("\"1\"");
            assertThat(api(second).get("/actuator/health/readiness").send().status())
                    .isEqualTo(200);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OrderPlatformApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=",
                        "--spring.kafka.bootstrap-servers=",
                        "--orders.embedded.data-dir=" + dataDir,
                        "--orders.fulfilment.enabled=false");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
