package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The operator console in a real Chromium against the whole platform: an operator signs in with a
 * key, finds an order by filter, reads its timeline and cancels it; starts a replay and watches
 * its bar reach 100 %; finds a failing endpoint's dead letters and redrives them; a key without
 * the admin scope is offered no admin page. No page logs a JavaScript error. Skipped, saying why,
 * where no Chromium is installed. Takes the screenshots of docs/console.md on the way.
 */
class ConsoleBrowserIT extends PlatformIT {

    private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserIT.class);

    private static Browser browser;

    @Autowired
    PlatformTransactionManager transactions;

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startBrowser() {
        // said once in the build's output; each test is then reported skipped with the reason
        Browser.unavailable().ifPresent(reason -> log.warn("ConsoleBrowserIT skipped: {}", reason));
        receiver = new WebhookReceiver();
    }

    @BeforeEach
    void openConsole() {
        Browser.unavailable().ifPresent(Assumptions::abort);
        if (browser == null) {
            browser = new Browser(port);
            // the products the tests' orders name, so that an order page shows their stock
            for (String sku : List.of("SKU-1", "SKU-2")) {
                api().admin("POST", "/admin/products")
                        .idempotencyKey()
                        .json(Map.of("sku", sku, "name", "Product " + sku, "initialStock", 100))
                        .send();
            }
        }
        // each test in a tab of its own, so it signs in afresh: the key lives in the tab alone
        browser.newTab();
        browser.open("");
    }

    @AfterEach
    void noJavaScriptErrorsWereLoggedAndEveryControlHasAName() {
        if (browser == null) {
            return; // skipped: no Chromium
        }
        // each test clears what it provoked itself; anything else is an error of the console
        browser.assertNoErrors();
        assertThat(browser.unlabelledControls())
                .as("controls without an accessible name")
                .isEmpty();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void anOperatorFindsAnOrderByFilterReadsItsTimelineAndCancelsIt() {
        String customer = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String cancelled = api().placeOrder(OrderJson.valid().put("customerId", customer))
                .json()
                .get("orderId")
                .asText();
        String other = api().placeOrder(OrderJson.valid().put("customerId", customer))
                .json()
                .get("orderId")
                .asText();
        awaitListed(customer, List.of(cancelled, other));

        browser.signIn(ADMIN_KEY);
        browser.await(By.cssSelector("#nav a[data-section=orders]"));
        browser.go("#/orders");
        browser.type(By.id("filter-customer"), customer);
        browser.find(By.cssSelector("#order-filters button[type=submit]")).click();
        browser.awaitText(By.id("order-results"), other);

        assertThat(browser.find(By.id("order-results")).getText())
                .contains(cancelled, other, customer)
                .doesNotContain("customer-42");
        shown("orders");

        browser.click(By.linkText(cancelled));
        browser.awaitText(By.id("timeline"), "OrderPlaced");
        assertThat(browser.find(By.id("order-status")).getText()).isEqualTo("PLACED");
        assertThat(browser.find(By.id("action-shipment")).isEnabled())
                .as("only a confirmed order ships")
                .isFalse();
        shown("order");

        browser.click(By.id("action-cancellation"));
        browser.confirm();

        browser.awaitText(By.id("order-status"), "CANCELLED");
        browser.awaitText(By.id("timeline"), "OrderCancelled");
        assertThat(browser.find(By.id("order-version")).getText()).isEqualTo("1");
        assertThat(api().get("/api/v1/orders/" + cancelled)
                        .send()
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("CANCELLED");
        assertThat(browser.find(By.id("action-cancellation")).isEnabled()).isFalse();
    }

    @Test
    void aChangeTheApiRefusesIsShownAsItsProblem() {
        String orderId =
                api().placeOrder(OrderJson.valid()).json().get("orderId").asText();
        browser.signIn(ADMIN_KEY);
        browser.await(By.cssSelector("#nav a[data-section=orders]"));
        browser.go("#/orders/" + orderId);
        browser.awaitText(By.id("order-status"), "PLACED");

        // someone else cancels it meanwhile: the console's version is stale
        assertThat(api().post("/api/v1/orders/" + orderId + "/cancellation")
                        .idempotencyKey()
                        .ifMatch("\"0\"")
                        .send()
                        .status())
                .isEqualTo(200);
        browser.click(By.id("action-cancellation"));
        browser.confirm();

        browser.awaitText(By.id("order-outcome"), "412");
        assertThat(browser.find(By.cssSelector("#order-outcome .problem")).getText())
                .contains("Version mismatch", "/problems/precondition-failed");
        browser.assertNoErrors(412);
    }

    @Test
    void aReplayStartedFromTheConsoleShowsItsProgressBarReaching100Percent() {
        Api.Response placed = api().placeOrder(OrderJson.valid());
        api().read("/api/v1/orders/" + placed.json().get("orderId").asText(), placed)
                .send();
        browser.signIn(ADMIN_KEY);
        browser.await(By.cssSelector("#nav a[data-section=projections]"));
        browser.go("#/projections");
        browser.await(By.id("replay-customer-stats-button"));

        // held at its start (it empties the read model first, and a reader is in the way) so that
        // the page shows it running before it is let go
        String table = "customer_stats_"
                + jdbc.queryForObject(
                        "SELECT active_slot FROM read_model_slot WHERE read_model = 'customer-stats'", String.class);
        TransactionStatus reader = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            jdbc.execute("LOCK TABLE " + table + " IN ACCESS SHARE MODE");
            browser.click(By.id("replay-customer-stats-button"));
            browser.confirm();

            browser.await(By.id("replay-customer-stats"));
            assertThat(browser.attribute(By.id("replay-customer-stats"), "aria-label"))
                    .isEqualTo("Replay of customer-stats");
            assertThat(Double.parseDouble(browser.attribute(By.id("replay-customer-stats"), "value")))
                    .as("held at its start")
                    .isLessThan(100);
            browser.awaitText(By.id("projections"), "Replay");
        } finally {
            transactions.rollback(reader);
        }
        browser.awaitAttribute(By.id("replay-customer-stats"), "value", "100");
        browser.awaitText(By.id("replay-customer-stats-text"), "100% · ETA 0 s");
        shown("projections");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !api().admin("GET", "/admin/projections/customer-stats")
                        .send()
                        .json()
                        .get("replaying")
                        .asBoolean());
    }

    @Test
    void aFailingEndpointsDeadLettersAreSeenAndRedriven() {
        String path = "console-" + UUID.randomUUID();
        receiver.answer(request -> request.path().equals("/" + path)
                ? WebhookReceiver.Reply.status(503)
                : WebhookReceiver.Reply.status(204));
        String subscription = api().post("/api/v1/webhook-subscriptions")
                .idempotencyKey()
                .json(Map.of("url", receiver.url(path), "eventTypes", List.of("order.placed")))
                .send()
                .json()
                .get("id")
                .asText();
        try {
            api().placeOrder(OrderJson.valid());
            // four attempts a second apart (the tests' retry schedule), then dead
            await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(subscription) == 1);

            browser.signIn(ADMIN_KEY);
            browser.await(By.cssSelector("#nav a[data-section=webhooks]"));
            browser.go("#/webhooks");
            browser.awaitText(By.id("page"), receiver.url(path));
            assertThat(browser.find(By.id("page")).getText()).contains("0% of 4 attempts");
            shown("webhooks");

            browser.click(By.linkText(receiver.url(path)));
            browser.awaitText(By.id("subscription-status"), "ACTIVE");
            assertThat(browser.find(By.id("page")).getText()).contains("HTTP 503", "DEAD");
            assertThat(browser.find(By.id("breaker-state")).getText())
                    .contains("attempts")
                    .doesNotContain("unknown");
            shown("subscription");

            browser.click(By.id("subscription-dead-letters"));
            browser.awaitText(By.id("dead-letters"), "order.placed");
            shown("dead-letters");
            receiver.answer(request -> WebhookReceiver.Reply.status(204));
            browser.findAll(By.cssSelector("#dead-letters input[type=checkbox]"))
                    .forEach(WebElement::click);
            browser.click(By.id("redrive-selected"));

            browser.awaitText(By.id("redrive-outcome"), "1 dead letters queued again");
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered(subscription) == 1);
            assertThat(deadLetters(subscription)).isZero();
        } finally {
            api().method("DELETE", "/api/v1/webhook-subscriptions/" + subscription)
                    .send();
        }
    }

    @Test
    void aKeyWithoutTheAdminScopeIsOfferedNoAdminPage() {
        browser.signIn("not-a-key");
        browser.awaitText(By.id("login-error"), "401");
        browser.assertNoErrors(401);
        String reader = api().admin("POST", "/admin/api-keys")
                .idempotencyKey()
                .json(Map.of("name", "console reader", "scopes", List.of("orders:read")))
                .send()
                .json()
                .get("key")
                .asText();

        browser.signIn(reader);

        browser.await(By.cssSelector("#nav a[data-section=orders]"));
        assertThat(browser.findAll(By.cssSelector("#nav a")))
                .extracting(WebElement::getText)
                .containsExactly("Orders");
        browser.go("#/projections");
        browser.awaitText(By.id("page"), "Your key has no admin scope");
        assertThat(browser.findAll(By.id("replay-order-summary-button"))).isEmpty();
        browser.go("#/keys");
        browser.awaitText(By.id("page"), "Your key has no admin scope");
        browser.go("#/webhooks");
        browser.awaitText(By.id("page"), "Your key has no webhooks:manage scope");
    }

    /**
     * Addresses made up to break the console: a malformed escape, a dot segment, a cursor of no
     * list, markup as an order id. Each is refused or shown as text; nothing runs, nothing is
     * logged as an error but the API's own refusals.
     */
    @Test
    void craftedAddressesAreRefusedOrShownAsText() {
        browser.signIn(ADMIN_KEY);
        browser.await(By.cssSelector("#nav a[data-section=orders]"));

        browser.go("#/orders/%E0%A4%A");
        browser.awaitText(By.id("page"), "No such page in the console");
        browser.go("#/orders/..");
        browser.awaitText(By.id("page"), "No such page in the console");
        browser.go("#/orders?cursor=made-up");
        browser.awaitText(By.id("order-results"), "(400)");
        browser.assertNoErrors(400);

        String markup = "<img src=x id=injected>"; // the API refuses it or finds no such order
        browser.go("#/orders/"
                + java.net.URLEncoder.encode(markup, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        browser.awaitGone(By.id("order-results")); // the list's own problem, shown before
        browser.await(By.cssSelector("#page .problem"));
        assertThat(browser.findAll(By.id("injected"))).isEmpty();
        browser.assertNoErrors(400, 404);
    }

    @Test
    void theHealthAndKeyPagesShowWhatAnAdminOperates() {
        browser.signIn(ADMIN_KEY);
        browser.await(By.cssSelector("#nav a[data-section=health]"));
        browser.go("#/health");
        browser.awaitText(By.id("overall"), "UP");
        assertThat(browser.find(By.id("components")).getText()).contains("db", "kafka", "projections", "webhooks");
        assertThat(browser.findAll(By.cssSelector("#charts figure"))).hasSize(6);
        browser.awaitText(By.id("cluster"), "(this one)");
        assertThat(browser.find(By.id("components")).getText())
                .as("disk space as free of total, not the server's paths")
                .containsPattern("free [0-9.]+ [KMGT]?B of [0-9.]+ [KMGT]?B");
        // a second sample (5 s on) draws each chart's line
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.findAll(By.cssSelector("#charts circle")).size() >= 12);
        shown("health");

        browser.go("#/keys");
        browser.type(By.id("key-name"), "console-made key");
        browser.find(By.cssSelector("#new-key input[value='orders:read']")).click();
        browser.find(By.cssSelector("#new-key button[type=submit]")).click();
        browser.await(By.id("created-key"));
        String key = browser.find(By.id("created-key")).getText();
        assertThat(new Api(port, key)
                        .get("/api/v1/api-keys/current")
                        .send()
                        .json()
                        .get("scopes"))
                .extracting(JsonNode::asText)
                .containsExactly("orders:read");
        shown("api-keys");
    }

    /** A page as the docs show it: every control on it named, then its screenshot taken. */
    private static void shown(String page) {
        assertThat(browser.unlabelledControls())
                .as("controls without an accessible name on " + page)
                .isEmpty();
        browser.screenshot(page);
    }

    private long deadLetters(String subscription) {
        return api().admin("GET", "/admin/webhooks/dead-letters?subscriptionId=" + subscription)
                .send()
                .json()
                .get("items")
                .size();
    }

    private long delivered(String subscription) {
        JsonNode items = api().get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries")
                .send()
                .json()
                .get("items");
        long count = 0;
        for (JsonNode item : items) {
            if (item.get("status").asText().equals("DELIVERED")) {
                count++;
            }
        }
        return count;
    }
}
