package org.orderplatform.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A steady mixed load, as clients who do the right thing send it: place an order (with an
 * Idempotency-Key), then change its address, cancel it, or wait for it to be confirmed and ship
 * it. A request that got no answer, or a 5xx/429, is sent again with the same key (to the next
 * node) until it gets a final answer; a write answered 2xx is <em>acknowledged</em> and goes into
 * the ledger the invariants are checked against. Each logical order has a customer id of its own,
 * so two orders of one customer would be one key's request carried out twice.
 */
final class Load {

    static final List<String> SKUS = List.of("CHAOS-1", "CHAOS-2", "CHAOS-3");

    /** An acknowledged order: what was asked for, and the changes acknowledged after it. */
    record Placed(String orderId, String customerId, Map<String, Integer> lines, Set<String> acknowledgedEvents) {}

    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(120);

    private final Supplier<List<String>> nodes;
    private final Map<String, Placed> ledger;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile String lastRejection;
    private final List<Thread> workers = new ArrayList<>();
    private final String scenario;
    private volatile boolean running = true;

    private Load(String scenario, Supplier<List<String>> nodes, Map<String, Placed> ledger) {
        this.scenario = scenario;
        this.nodes = nodes;
        this.ledger = ledger;
    }

    static Load start(String scenario, int workers, Supplier<List<String>> nodes, Map<String, Placed> ledger) {
        Load load = new Load(scenario, nodes, ledger);
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(load::work, "load-" + scenario + "-" + i);
            worker.setDaemon(true);
            load.workers.add(worker);
            worker.start();
        }
        return load;
    }

    /** Stops starting new orders and waits for the ones under way to get their final answers. */
    Tally stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(GIVE_UP_AFTER.plusSeconds(60).toMillis());
        }
        return progress();
    }

    /** The counts so far, the load going on. */
    Tally progress() {
        return new Tally(
                requests.get(),
                acknowledged.get(),
                refused.get(),
                unanswered.get(),
                abandoned.get(),
                rejected.get(),
                lastRejection);
    }

    /**
     * requests: every attempt sent; refused: answered 5xx/429; unanswered: no answer at all;
     * abandoned: still no final answer after two minutes; rejectedOrders: a valid order answered 4xx.
     */
    record Tally(
            long requests,
            long acknowledged,
            long refused,
            long unanswered,
            long abandoned,
            long rejectedOrders,
            String lastRejection) {}

    private void work() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            // at most 64 characters, as every id: the scenario's hash stands for its name
            String customer = "chaos-" + Integer.toHexString(scenario.hashCode()) + "-" + UUID.randomUUID();
            Map<String, Integer> lines = lines(random);
            Http.Answer placed =
                    keyed("POST", "/api/v1/orders", order(customer, lines).toString(), Map.of());
            if (placed.status() != 201) {
                if (placed.status() >= 400 && placed.status() < 500) {
                    // a valid order refused: the load or the platform is broken, not faulty
                    rejected.incrementAndGet();
                    lastRejection = placed.status() + " " + placed.body();
                    pause(100);
                }
                continue;
            }
            String orderId = placed.json().get("orderId").asText();
            Placed order = new Placed(orderId, customer, lines, ConcurrentHashMap.newKeySet());
            ledger.put(orderId, order);
            String token = placed.header("X-Consistency-Token");
            int dice = random.nextInt(100);
            if (dice < 25) {
                changeAddress(order, token);
            } else if (dice < 45) {
                change(order, token, "/cancellation", "OrderCancelled", null);
            } else if (dice < 80) {
                if (awaitConfirmed(orderId, token)) {
                    change(order, token, "/shipment", "OrderShipped", "CONFIRMED");
                }
            }
        }
    }

    private void changeAddress(Placed order, String token) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String etag = etag(order.orderId(), token, null);
            if (etag == null) {
                return;
            }
            String line1 = "Chaosweg " + attempt;
            Http.Answer changed = untilFinal(() -> Http.send(
                    "PUT",
                    node() + "/api/v1/orders/" + order.orderId() + "/shipping-address",
                    address(line1).toString(),
                    Map.of("If-Match", etag),
                    Duration.ofSeconds(10)));
            if (changed.ok()) {
                order.acknowledgedEvents().add("ShippingAddressChanged");
                return;
            }
            if (changed.status() != 412) {
                return; // 409: confirmed and shipped meanwhile, or cancelled by the platform
            }
        }
    }

    /** A keyed change with If-Match; a 412 (the saga moved the order on) is tried again afresh. */
    private void change(Placed order, String token, String path, String event, String requiredStatus) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String etag = etag(order.orderId(), token, requiredStatus);
            if (etag == null) {
                return;
            }
            Http.Answer changed =
                    keyed("POST", "/api/v1/orders/" + order.orderId() + path, null, Map.of("If-Match", etag));
            if (changed.ok()) {
                order.acknowledgedEvents().add(event);
                return;
            }
            if (changed.status() != 412) {
                return;
            }
        }
    }

    private boolean awaitConfirmed(String orderId, String token) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Http.Answer read = read(orderId, token);
            if (read.status() == 200) {
                String status = read.json().get("status").asText();
                if (status.equals("CONFIRMED")) {
                    return true;
                }
                if (!status.equals("PLACED")) {
                    return false;
                }
            }
            pause(200);
        }
        return false;
    }

    private String etag(String orderId, String token, String requiredStatus) {
        Http.Answer read = untilFinal(() -> read(orderId, token));
        if (read.status() != 200
                || (requiredStatus != null
                        && !requiredStatus.equals(read.json().get("status").asText()))) {
            return null;
        }
        return read.header("ETag");
    }

    private Http.Answer read(String orderId, String token) {
        return Http.send(
                "GET",
                node() + "/api/v1/orders/" + orderId,
                null,
                token == null ? Map.of() : Map.of("X-Consistency-Token", token),
                Duration.ofSeconds(10));
    }

    private Http.Answer keyed(String method, String path, String body, Map<String, String> headers) {
        String key = UUID.randomUUID().toString();
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Idempotency-Key", key);
        Http.Answer answer = untilFinal(() -> Http.send(method, node() + path, body, all, Duration.ofSeconds(10)));
        if (answer.ok()) {
            acknowledged.incrementAndGet();
        }
        return answer;
    }

    /** Sends again (the next node, after a pause) while the answer says it may; gives up late. */
    private Http.Answer untilFinal(Supplier<Http.Answer> request) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (true) {
            requests.incrementAndGet();
            Http.Answer answer = request.get();
            if (!answer.retryable()) {
                return answer;
            }
            (answer.status() == 0 ? unanswered : refused).incrementAndGet();
            if (System.nanoTime() > deadline) {
                abandoned.incrementAndGet();
                return answer;
            }
            pause(answer.status() == 0 ? 100 : 250);
        }
    }

    private String node() {
        List<String> all = nodes.get();
        return all.get(Math.floorMod(next.getAndIncrement(), all.size()));
    }

    private static Map<String, Integer> lines(ThreadLocalRandom random) {
        Map<String, Integer> lines = new java.util.TreeMap<>();
        int count = 1 + random.nextInt(2);
        while (lines.size() < count) {
            lines.put(SKUS.get(random.nextInt(SKUS.size())), 1 + random.nextInt(3));
        }
        return lines;
    }

    private static ObjectNode order(String customer, Map<String, Integer> lines) {
        ObjectNode order = Http.JSON.createObjectNode();
        order.put("customerId", customer);
        order.put("currency", "EUR");
        order.put("paymentToken", "tok_visa");
        ArrayNode array = order.putArray("lines");
        lines.forEach((sku, quantity) ->
                array.addObject().put("sku", sku).put("quantity", quantity).put("unitPriceMinor", 1000));
        order.set("shippingAddress", address("Unter den Linden 1"));
        return order;
    }

    private static ObjectNode address(String line1) {
        ObjectNode address = Http.JSON.createObjectNode();
        address.put("recipient", "Ada Lovelace");
        address.put("line1", line1);
        address.put("city", "Berlin");
        address.put("postalCode", "10117");
        address.put("country", "DE");
        return address;
    }

    /** A client's pause before it tries again; nothing waits on it. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
