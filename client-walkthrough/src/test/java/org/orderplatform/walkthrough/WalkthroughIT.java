package org.orderplatform.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.orderplatform.client.ApiClient;
import org.orderplatform.client.ApiException;
import org.orderplatform.client.ApiResponse;
import org.orderplatform.client.api.AdminApiKeysApi;
import org.orderplatform.client.api.CustomerStatisticsApi;
import org.orderplatform.client.api.OrderCommandsApi;
import org.orderplatform.client.api.OrderQueriesApi;
import org.orderplatform.client.api.StockAdminApi;
import org.orderplatform.client.api.WebhookSubscriptionsApi;
import org.orderplatform.client.model.ApiKeyRequest;
import org.orderplatform.client.model.CancelOrderRequest;
import org.orderplatform.client.model.CreatedKeyView;
import org.orderplatform.client.model.CustomerOrderStatsView;
import org.orderplatform.client.model.OrderDetailView;
import org.orderplatform.client.model.OrderPage;
import org.orderplatform.client.model.OrderSummaryView;
import org.orderplatform.client.model.OrderWriteResult;
import org.orderplatform.client.model.PlaceOrderRequest;
import org.orderplatform.client.model.RegisterProductRequest;
import org.orderplatform.client.model.ShippingAddressRequest;
import org.orderplatform.client.model.StockView;
import org.orderplatform.client.model.Subscription;
import org.orderplatform.client.model.SubscriptionRequest;
import org.orderplatform.client.model.TimelineEntry;

/**
 * The README's walkthrough, step by step, through the Java client generated from
 * {@code docs/openapi.json} only: if the document stops describing what the platform does, a step
 * fails here. The steps share one platform and build on each other, as the README's do; the
 * request bodies are the README's own files ({@code docs/examples/}).
 *
 * <p>The generated names ({@code get2}, {@code list1}, {@code get3}) are the document's operation
 * ids; the walkthrough calls them by what they do in comments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkthroughIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CUSTOMER = "customer-42";

    private WalkthroughPlatform platform;
    private StockAdminApi stock;
    private OrderCommandsApi commands;
    private OrderQueriesApi queries;
    private CustomerStatisticsApi statistics;

    private String orderId;
    private String declinedId;
    private OrderWriteResult delivered;

    @BeforeAll
    void startThePlatform() {
        platform = WalkthroughPlatform.start();
        ApiClient admin = platform.client(WalkthroughPlatform.ADMIN_KEY);
        stock = new StockAdminApi(admin);
        commands = new OrderCommandsApi(admin);
        queries = new OrderQueriesApi(admin);
        statistics = new CustomerStatisticsApi(admin);
    }

    @AfterAll
    void stopThePlatform() throws Exception {
        platform.close();
    }

    @Test
    @Order(1)
    void registersTheTwoProductsWithStock() throws ApiException {
        ApiResponse<StockView> keyboard = stock.registerProductWithHttpInfo(
                "demo-product-1", Examples.read("register-keyboard.json", RegisterProductRequest.class));
        StockView cable = stock.registerProduct(
                "demo-product-2", Examples.read("register-cable.json", RegisterProductRequest.class));

        assertThat(keyboard.getStatusCode()).isEqualTo(201);
        assertThat(header(keyboard, "Location")).endsWith("/admin/products/KEYBOARD-DE");
        assertThat(keyboard.getData()).isEqualTo(stockView("KEYBOARD-DE", 10, 0, 0));
        assertThat(cable).isEqualTo(stockView("USB-C-CABLE", 50, 0, 0));
    }

    @Test
    @Order(2)
    void placesAnOrderWithAnIdempotencyKey() throws ApiException {
        ApiResponse<OrderWriteResult> placed = commands.placeOrderWithHttpInfo(
                "demo-order-1", Examples.read("place-order.json", PlaceOrderRequest.class));

        assertThat(placed.getStatusCode()).isEqualTo(201);
        orderId = placed.getData().getOrderId();
        assertThat(placed.getData().getVersion()).isZero();
        assertThat(placed.getData().getConsistencyToken()).isPositive();
        assertThat(header(placed, "ETag")).isEqualTo("\"0\"");
        assertThat(header(placed, "Location")).endsWith("/api/v1/orders/" + orderId);
        assertThat(header(placed, "X-Consistency-Token"))
                .isEqualTo(placed.getData().getConsistencyToken().toString());
    }

    @Test
    @Order(3)
    void aRetryWithTheSameKeyReplaysTheFirstAnswer() throws ApiException {
        ApiResponse<OrderWriteResult> retried = commands.placeOrderWithHttpInfo(
                "demo-order-1", Examples.read("place-order.json", PlaceOrderRequest.class));

        assertThat(retried.getStatusCode()).isEqualTo(201);
        assertThat(retried.getData().getOrderId()).isEqualTo(orderId);
        assertThat(header(retried, "Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    @Order(4)
    void theSagaReservesTheStockAuthorizesThePaymentAndConfirms() throws ApiException {
        OrderDetailView confirmed = awaitStatus(orderId, "CONFIRMED");

        assertThat(confirmed.getCustomerId()).isEqualTo(CUSTOMER);
        assertThat(confirmed.getVersion()).isEqualTo(1);
        assertThat(confirmed.getTimeline())
                .extracting(TimelineEntry::getType)
                .containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(stock.getProduct("KEYBOARD-DE")).isEqualTo(stockView("KEYBOARD-DE", 9, 1, 1));
    }

    @Test
    @Order(5)
    void changesTheShippingAddressBasedOnTheVersionItKnows() throws ApiException {
        ApiResponse<OrderWriteResult> changed = commands.changeShippingAddressWithHttpInfo(
                orderId, "\"1\"", Examples.read("address-paris.json", ShippingAddressRequest.class));

        assertThat(changed.getStatusCode()).isEqualTo(200);
        assertThat(changed.getData().getVersion()).isEqualTo(2);
        assertThat(header(changed, "ETag")).isEqualTo("\"2\"");
    }

    @Test
    @Order(6)
    void theSameChangeOnTheStaleVersionIsRefused() {
        Problems refused = Problems.expect(
                412,
                () -> commands.changeShippingAddress(
                        orderId, "\"1\"", Examples.read("address-paris.json", ShippingAddressRequest.class)));

        assertThat(refused.type()).isEqualTo("/problems/precondition-failed");
        assertThat(refused.problem().getTitle()).isEqualTo("Version mismatch");
        assertThat(refused.problem().getDetail()).isEqualTo("The order is at version 2, not 1");
        // an extension member of the problem: not in the document's Problem schema
        assertThat(refused.body().get("currentVersion").asLong()).isEqualTo(2);
    }

    @Test
    @Order(7)
    void shipsThenCannotCancelThenDelivers() throws ApiException {
        OrderWriteResult shipped = commands.shipOrder(orderId, "\"2\"", "demo-ship-1");
        Problems notCancelled = Problems.expect(
                409,
                () -> commands.cancelOrder(
                        orderId,
                        "\"3\"",
                        "demo-cancel-1",
                        Examples.read("cancellation.json", CancelOrderRequest.class)));
        delivered = commands.deliverOrder(orderId, "\"3\"", "demo-deliver-1");

        assertThat(shipped.getVersion()).isEqualTo(3);
        assertThat(notCancelled.type()).isEqualTo("/problems/order-state-conflict");
        assertThat(notCancelled.body().get("orderStatus").asText()).isEqualTo("SHIPPED");
        assertThat(delivered.getVersion()).isEqualTo(4);
        // the saga commits the reserved unit a moment after the shipment: it leaves the stock
        patiently()
                .untilAsserted(
                        () -> assertThat(stock.getProduct("KEYBOARD-DE")).isEqualTo(stockView("KEYBOARD-DE", 9, 0, 0)));
    }

    @Test
    @Order(8)
    void anOrderPaidWithADeclinedCardIsCancelledWithItsReason() throws ApiException {
        declinedId = commands.placeOrder(
                        "demo-order-2", Examples.read("place-order-declined.json", PlaceOrderRequest.class))
                .getOrderId();

        OrderDetailView cancelled = awaitStatus(declinedId, "CANCELLED");

        assertThat(cancelled.getCancellation().getReason()).isEqualTo("PAYMENT_DECLINED");
        assertThat(cancelled.getCancellation().getComment()).isEqualTo("payment declined: card_declined");
        patiently()
                .untilAsserted(
                        () -> assertThat(stock.getProduct("KEYBOARD-DE")).isEqualTo(stockView("KEYBOARD-DE", 9, 0, 0)));
    }

    @Test
    @Order(9)
    void aKeyReusedForAnotherRequestOrLeftOutIsRefused() {
        PlaceOrderRequest other = new PlaceOrderRequest().customerId(CUSTOMER);

        Problems reused = Problems.expect(422, () -> commands.placeOrder("demo-order-1", other));
        // the document marks the key required: the generated client will not even send the request
        ApiException leftOut = Problems.thrown(() -> commands.placeOrder(null, other));
        // the platform itself refuses a key that says nothing
        Problems blank = Problems.expect(400, () -> commands.placeOrder("", other));

        assertThat(reused.type()).isEqualTo("/problems/idempotency-key-reused");
        assertThat(leftOut.getCode()).isEqualTo(400);
        assertThat(leftOut.getResponseBody()).isNull();
        assertThat(leftOut.getMessage()).contains("idempotencyKey");
        assertThat(blank.type()).isEqualTo("/problems/idempotency-key-invalid");
    }

    @Test
    @Order(10)
    void readsBackWithTheConsistencyTokenOfTheLastWrite() throws ApiException {
        // read an order (v1), waiting until the read model has the delivery
        ApiResponse<OrderDetailView> read = queries.getOrderV1WithHttpInfo(
                orderId, null, delivered.getConsistencyToken().toString());
        // the same read with its ETag: not modified (304 is not in the document: an ApiException)
        ApiException notModified = Problems.thrown(() -> queries.getOrderV1(orderId, header(read, "ETag"), null));
        // list the customer's orders (v1), newest first
        OrderPage page = queries.listOrdersV1(CUSTOMER, null, null, null, "20", null, null, null);

        assertThat(header(read, "X-Read-Consistency")).isEqualTo("fresh");
        assertThat(header(read, "ETag")).isEqualTo("\"4\"");
        assertThat(read.getData().getStatus()).isEqualTo("DELIVERED");
        assertThat(read.getData().getShippingAddress().getCity()).isEqualTo("Paris");
        assertThat(read.getData().getTimeline())
                .extracting(TimelineEntry::getType)
                .containsExactly(
                        "OrderPlaced", "OrderConfirmed", "ShippingAddressChanged", "OrderShipped", "OrderDelivered");
        assertThat(notModified.getCode()).isEqualTo(304);
        assertThat(page.getItems()).extracting(OrderSummaryView::getOrderId).containsExactly(declinedId, orderId);
        patiently().untilAsserted(() -> {
            // the customer's order statistics
            CustomerOrderStatsView stats = statistics.getCustomerOrderStats(CUSTOMER, null);
            assertThat(stats.getOrderCount()).isEqualTo(2);
            assertThat(stats.getCancelledCount()).isEqualTo(1);
        });
    }

    @Test
    @Order(11)
    void aWebhookSubscriberGetsSignedEvents() throws Exception {
        WebhookSubscriptionsApi webhooks = new WebhookSubscriptionsApi(platform.client(WalkthroughPlatform.ADMIN_KEY));
        WebhookInbox inbox = new WebhookInbox(platform.baseUri(), "demo");

        Subscription subscription = webhooks.createSubscription(
                "demo-subscription-1",
                new SubscriptionRequest().url(inbox.url()).eventTypes(List.of("order.placed", "order.confirmed")));
        inbox.trust(subscription.getSecret());
        String third = commands.placeOrder("demo-order-3", Examples.read("place-order.json", PlaceOrderRequest.class))
                .getOrderId();

        assertThat(subscription.getStatus()).isEqualTo(Subscription.StatusEnum.ACTIVE);
        assertThat(subscription.getSecret()).startsWith("whsec_");
        patiently()
                .untilAsserted(() -> assertThat(inbox.received())
                        .filteredOn(received ->
                                third.equals(received.at("/body/orderId").asText()))
                        .allSatisfy(received -> assertThat(
                                        received.get("signatureValid").asBoolean())
                                .isTrue())
                        .extracting(received -> received.at("/body/type").asText())
                        .containsExactlyInAnyOrder("order.placed", "order.confirmed"));
        // the delivery log shows each attempt
        assertThat(webhooks.listSubscriptionDeliveries(subscription.getId(), null, null)
                        .getItems())
                .filteredOn(delivery -> third.equals(delivery.getOrderId()))
                .hasSize(2)
                .allSatisfy(delivery -> assertThat(delivery.getAttempts()).isNotEmpty());
    }

    @Test
    @Order(12)
    void aCustomerBoundKeyPlacesAndReadsThatCustomersOrdersOnly() throws ApiException {
        AdminApiKeysApi keys = new AdminApiKeysApi(platform.client(WalkthroughPlatform.ADMIN_KEY));
        CreatedKeyView created = keys.createApiKey(new ApiKeyRequest()
                .name("shop frontend for customer-42")
                .scopes(List.of("orders:read", "orders:write"))
                .customerId(CUSTOMER));
        ApiClient customer = platform.client(created.getKey());

        OrderWriteResult placed = new OrderCommandsApi(customer)
                .placeOrder("demo-order-4", Examples.read("place-order.json", PlaceOrderRequest.class));
        // list orders (v1) without naming the customer: the key's customer
        OrderPage own = new OrderQueriesApi(customer).listOrdersV1(null, null, null, null, "5", null, null, null);
        Problems otherCustomer = Problems.expect(
                403, () -> new CustomerStatisticsApi(customer).getCustomerOrderStats("someone-else", null));
        Problems noKey =
                Problems.expect(401, () -> new OrderQueriesApi(platform.client(null)).getOrderV1(orderId, null, null));
        keys.revokeApiKey(created.getApiKey().getId());
        Problems revoked = Problems.expect(401, () -> new OrderQueriesApi(customer).getOrderV1(orderId, null, null));

        assertThat(created.getApiKey().getCustomerId()).isEqualTo(CUSTOMER);
        assertThat(placed.getVersion()).isZero();
        assertThat(own.getItems())
                .isNotEmpty()
                .allSatisfy(order -> assertThat(order.getCustomerId()).isEqualTo(CUSTOMER));
        assertThat(otherCustomer.type()).isEqualTo("/problems/customer-mismatch");
        assertThat(noKey.type()).isEqualTo("/problems/api-key-required");
        assertThat(revoked.type()).isEqualTo("/problems/api-key-invalid");
    }

    private OrderDetailView awaitStatus(String id, String status) {
        return patiently()
                .ignoreExceptionsInstanceOf(ApiException.class) // 404 until the read model has it
                .until(() -> queries.getOrderV1(id, null, null), order -> status.equals(order.getStatus()));
    }

    private static ConditionFactory patiently() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200));
    }

    private static String header(ApiResponse<?> response, String name) {
        List<String> values = response.getHeaders().get(name);
        assertThat(values).as(name + " header").isNotNull().hasSize(1);
        return values.get(0);
    }

    private static StockView stockView(String sku, long available, long reserved, int openReservations) {
        return new StockView().sku(sku).available(available).reserved(reserved).openReservations(openReservations);
    }
}
