package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Commands answer a consistency token; queries that send it back see the write, or say they could not. */
class ReadYourWritesIT extends PlatformIT {

    @Test
    void everyWriteAnswersAConsistencyTokenThatGrows() {
        Api.Response placed = api().placeOrder(OrderJson.valid());
        String orderId = placed.json().get("orderId").asText();
        Api.Response changed = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                .ifMatch("\"0\"")
                .json(OrderJson.paris())
                .send();

        assertThat(placed.header("X-Consistency-Token")).isEqualTo(String.valueOf(placed.consistencyToken()));
        assertThat(changed.consistencyToken()).isGreaterThan(placed.consistencyToken());
        long stored = jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, orderId);
        assertThat(changed.consistencyToken()).isEqualTo(stored);
    }

    @Test
    void aReadWithTheTokenSeesTheWriteImmediately() {
        for (int i = 0; i < 5; i++) {
            Api.Response placed = api().placeOrder(OrderJson.valid());
            String orderId = placed.json().get("orderId").asText();
            Api.Response changed = api().put("/api/v1/orders/" + orderId + "/shipping-address")
                    .ifMatch("\"0\"")
                    .json(OrderJson.paris())
                    .send();

            Api.Response detail =
                    api().read("/api/v1/orders/" + orderId, changed).send();
            Api.Response list = api().read("/api/v1/orders?customerId=customer-42&limit=1", changed)
                    .send();

            assertThat(detail.header("X-Read-Consistency")).isEqualTo("fresh");
            assertThat(detail.json().get("version").asLong()).isEqualTo(1);
            assertThat(detail.json().at("/shippingAddress/city").asText()).isEqualTo("Paris");
            assertThat(list.header("X-Read-Consistency")).isEqualTo("fresh");
        }
    }

    @Test
    void statisticsAreFreshAfterAWriteTheyDoNotShow() {
        Api.Response placed = api().placeOrder(OrderJson.valid().put("customerId", "ryw-stats"));
        Api.Response changed = api().put(
                        "/api/v1/orders/" + placed.json().get("orderId").asText() + "/shipping-address")
                .ifMatch("\"0\"")
                .json(OrderJson.paris())
                .send();

        Api.Response stats =
                api().read("/api/v1/customers/ryw-stats/order-stats", changed).send();

        assertThat(stats.header("X-Read-Consistency")).isEqualTo("fresh");
        assertThat(stats.json().get("orderCount").asLong()).isPositive();
    }

    @Test
    void aTokenTheReadModelCannotReachInTimeAnswersWhatItHasMarkedStale() {
        Api.Response response = api().get("/api/v1/orders?limit=1")
                .header("X-Consistency-Token", "999999999999")
                .send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Read-Consistency")).isEqualTo("stale");
        assertThat(response.json().has("items")).isTrue();
    }

    @Test
    void aReadWithoutTokenSaysNothingAboutConsistency() {
        assertThat(api().get("/api/v1/orders?limit=1").send().header("X-Read-Consistency"))
                .isNull();
    }

    @Test
    void aTokenThatIsNotANumberIs400() {
        Api.Response response = api().get("/api/v1/orders")
                .header("X-Consistency-Token", "yesterday")
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("malformed-request");
    }
}
