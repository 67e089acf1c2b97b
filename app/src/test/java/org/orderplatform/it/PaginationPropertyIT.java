package org.orderplatform.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages through a customer's orders while more are being placed: every order that existed before
 * the walk is seen exactly once, the order never goes backwards, and walking back with the prev
 * links returns the same pages. Random sizes and amounts, seeded per run (the seed is printed).
 */
class PaginationPropertyIT extends PlatformIT {

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {1, 3, 7, 25, 100})
    void pagingUnderConcurrentInsertsNeitherSkipsNorRepeats(int pageSize) throws Exception {
        long seed = System.nanoTime();
        System.out.println("PaginationPropertyIT seed " + seed + " page size " + pageSize);
        Random random = new Random(seed);
        String customer = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> existing = new HashSet<>();
        Api.Response last = null;
        int count = 20 + random.nextInt(40);
        for (int i = 0; i < count; i++) {
            last = api().placeOrder(randomOrder(random, customer));
            existing.add(last.json().get("orderId").asText());
        }
        String firstPage = "/api/v1/orders?customerId=" + customer + "&limit=" + pageSize;
        awaitListed(customer, existing);

        AtomicBoolean walking = new AtomicBoolean(true);
        CompletableFuture<Integer> inserter = CompletableFuture.supplyAsync(() -> {
            int added = 0;
            Random inserts = new Random(seed + 1);
            while (walking.get() && added < 200) {
                api().placeOrder(randomOrder(inserts, customer));
                added++;
            }
            return added;
        });

        List<JsonNode> forward = new ArrayList<>();
        List<JsonNode> pages = new ArrayList<>();
        JsonNode page = api().get(firstPage).send().json();
        while (true) {
            pages.add(page);
            page.get("items").forEach(forward::add);
            if (page.at("/links/next").isNull()) {
                break;
            }
            page = api().get(relative(page.at("/links/next").asText())).send().json();
        }
        walking.set(false);
        int added = inserter.get(60, TimeUnit.SECONDS);

        List<String> seen =
                forward.stream().map(item -> item.get("orderId").asText()).toList();
        assertThat(seen).as("no order twice").doesNotHaveDuplicates();
        assertThat(seen).as("every order that existed before the walk").containsAll(existing);
        for (int i = 1; i < forward.size(); i++) {
            assertThat(createdAt(forward.get(i)))
                    .as("newest first, never backwards")
                    .isBeforeOrEqualTo(createdAt(forward.get(i - 1)));
        }
        System.out.println(
                "PaginationPropertyIT walked " + pages.size() + " pages, " + added + " orders added meanwhile");

        // back from the last page: the same pages in reverse. Orders placed meanwhile are newer
        // than the first page, so even going back to it they stay out of the way.
        JsonNode back = pages.get(pages.size() - 1);
        for (int i = pages.size() - 2; i >= 0; i--) {
            back = api().get(relative(back.at("/links/prev").asText())).send().json();
            assertThat(OrderQueryApiIT.ids(back))
                    .as("page " + (i + 1) + " walking back")
                    .isEqualTo(OrderQueryApiIT.ids(pages.get(i)));
        }
    }

    private static Instant createdAt(JsonNode item) {
        return Instant.parse(item.get("createdAt").asText());
    }

    private static Object randomOrder(Random random, String customer) {
        var order = OrderJson.valid().put("customerId", customer);
        var lines = order.putArray("lines");
        int lineCount = 1 + random.nextInt(5);
        for (int i = 0; i < lineCount; i++) {
            lines.add(OrderJson.line("SKU-" + i, 1 + random.nextInt(20), random.nextInt(100_000)));
        }
        return order;
    }

    private String relative(String absolute) {
        return absolute.replace("http://localhost:" + port, "");
    }
}
