package org.orderplatform.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.awaitility.Awaitility;
import org.orderplatform.OrderPlatformApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the integration tests: the whole application on a random port, against a real
 * PostgreSQL (embedded, in a fresh temporary directory, or a fresh database on the server at
 * {@code ORDERS_TEST_DB_URL}) and a real in-process Kafka broker. Every subclass has the same
 * configuration, so they share one application context: one fresh database for the suite.
 * Tests never rely on another test's data: each uses its own orders and keys.
 */
@SpringBootTest(
        classes = {OrderPlatformApplication.class, TestProbes.class, TestSpans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orders.embedded.ephemeral=true",
            "orders.admin.api-key=" + PlatformIT.ADMIN_KEY,
            // These tests drive the order API by hand: no saga moves their orders along.
            // FulfilmentIT runs the saga, in a context of its own.
            "orders.fulfilment.enabled=false",
            // webhook retries within a test's patience: three more attempts, a second apart
            "orders.webhooks.dispatcher.retry-schedule=1s,1s,1s",
            "orders.webhooks.dispatcher.timeout=2s",
            "orders.webhooks.dispatcher.poll-interval=100ms",
            // a read with a consistency token waits this long for the read model: the tests read
            // their own writes, and 2 s (the default) is short for a busy test machine
            "orders.projections.consistency-timeout=10s"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
// tracing on (Boot turns it off in tests): CorrelationIdIT follows a traceparent end to end
@AutoConfigureObservability(metrics = false)
abstract class PlatformIT {

    static final String ADMIN_KEY = "test-admin-key";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api() {
        return new Api(port);
    }

    /**
     * Waits until the order list shows all these orders of the customer. A consistency token
     * covers its own order only; orders in other segments of the projection may come later.
     */
    void awaitListed(String customerId, Collection<String> orderIds) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> listed = new ArrayList<>();
            String path = "/api/v1/orders?customerId=" + customerId + "&limit=100";
            while (path != null) {
                JsonNode page = api().get(path).send().json();
                listed.addAll(OrderQueryApiIT.ids(page));
                JsonNode next = page.at("/links/next");
                path = next.isNull() ? null : next.asText().replace("http://localhost:" + port, "");
            }
            return listed.containsAll(orderIds);
        });
    }

    int eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);
    }

    int eventCount(String orderId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, orderId);
    }
}
