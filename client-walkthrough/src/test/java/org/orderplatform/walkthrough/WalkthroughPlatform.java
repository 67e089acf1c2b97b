package org.orderplatform.walkthrough;

import java.util.ArrayList;
import java.util.List;
import org.orderplatform.OrderPlatformApplication;
import org.orderplatform.client.ApiClient;
import org.orderplatform.embedded.testsupport.FreshDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform as the README starts it ({@code java -jar}, the local profile, a known bootstrap
 * key), in this JVM: embedded PostgreSQL and Kafka, fresh and thrown away after, on a free port.
 * With {@code ORDERS_TEST_DB_URL} set, a fresh database on that server instead of the embedded one,
 * as for every other integration test.
 */
final class WalkthroughPlatform implements AutoCloseable {

    static final String ADMIN_KEY = "demo-admin-key";

    private final FreshDatabase database;
    private final ConfigurableApplicationContext app;

    private WalkthroughPlatform(FreshDatabase database, ConfigurableApplicationContext app) {
        this.database = database;
        this.app = app;
    }

    static WalkthroughPlatform start() {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--orders.embedded.ephemeral=true",
                "--orders.admin.api-key=" + ADMIN_KEY,
                // the environment's servers are not the test's
                "--spring.kafka.bootstrap-servers=",
                "--logging.level.root=WARN"));
        FreshDatabase database = FreshDatabase.external() ? FreshDatabase.create() : null;
        if (database == null) {
            arguments.add("--spring.datasource.url=");
        } else {
            arguments.add("--spring.datasource.url=" + database.url());
            arguments.add("--spring.datasource.username=" + (database.user() == null ? "" : database.user()));
            arguments.add("--spring.datasource.password=" + (database.password() == null ? "" : database.password()));
        }
        ConfigurableApplicationContext app =
                new SpringApplicationBuilder(OrderPlatformApplication.class).run(arguments.toArray(String[]::new));
        return new WalkthroughPlatform(database, app);
    }

    String baseUri() {
        return "http://localhost:"
                + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** A generated client that sends this API key (null: none) with every request. */
    ApiClient client(String apiKey) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri());
        if (apiKey != null) {
            // the native library leaves security schemes to the caller
            client.setRequestInterceptor(request -> request.header("X-API-Key", apiKey));
        }
        return client;
    }

    @Override
    public void close() throws Exception {
        app.close();
        if (database != null) {
            database.close();
        }
    }
}
