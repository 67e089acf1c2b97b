package org.orderplatform.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The invariants, read from the platform's own stores (the primary, past the proxy), the topic
 * and the subscribers' endpoints, over everything the suite has done so far:
 *
 * <ol>
 *   <li>every acknowledged order exists, with every change acknowledged on it (its event);
 *   <li>no idempotency key made two orders (each logical order has a customer of its own);
 *   <li>every saga reached a state consistent with its order: none left at PLACED, a live saga
 *       exactly for the orders that wait for shipment or delivery;
 *   <li>stock balances: available + reserved + committed = registered, and reserved is what the
 *       confirmed orders hold;
 *   <li>every integration event is on the topic exactly once, and nothing else is;
 *   <li>every (subscription, event) has one delivery, delivered (and received) or dead-lettered;
 *   <li>the order read model equals a replay of the event store (status and version per order).
 * </ol>
 *
 * Lost and duplicated orders are counted; everything else is a violation, named.
 */
final class Invariants {

    static final String TOPIC = "orders.events.v1";
    static final List<String> EVENT_TYPES = List.of(
            "order.placed",
            "order.confirmed",
            "order.shipped",
            "order.delivered",
            "order.cancelled",
            "order.shipping_address_changed",
            "payment.authorized",
            "payment.declined",
            "payment.captured",
            "payment.voided",
            "payment.refunded");
    static final String EVENT_TYPES_JSON =
            EVENT_TYPES.stream().map(type -> "\"" + type + "\"").toList().toString();

    /** The domain events that become integration events (IntegrationEventMapper). */
    private static final Set<String> PUBLISHED = Set.of(
            "OrderPlaced",
            "OrderConfirmed",
            "OrderShipped",
            "OrderDelivered",
            "OrderCancelled",
            "ShippingAddressChanged",
            "PaymentAuthorized",
            "PaymentDeclined",
            "PaymentCaptured",
            "PaymentVoided",
            "PaymentRefunded");

    private static final Map<String, String> STATUS_AFTER = Map.of(
            "OrderPlaced", "PLACED",
            "OrderConfirmed", "CONFIRMED",
            "OrderShipped", "SHIPPED",
            "OrderDelivered", "DELIVERED",
            "OrderCancelled", "CANCELLED");

    record Result(int lost, int duplicated, List<String> violations, long topicCopies, long receiverCopies) {

        boolean holds() {
            return lost == 0 && duplicated == 0 && violations.isEmpty();
        }
    }

    private record OrderState(
            String status, long version, String customerId, Map<String, Integer> lines, Set<String> events) {}

    private final Platform platform;

    Invariants(Platform platform) {
        this.platform = platform;
    }

    Result check(Map<String, Load.Placed> ledger) throws Exception {
        List<String> violations = new ArrayList<>();
        Map<String, OrderState> orders;
        Set<String> published = new HashSet<>();
        Set<String> liveSagas = new HashSet<>();
        Map<String, String[]> readModel = new HashMap<>();
        Map<String, Map<String, String>> deliveries = new HashMap<>();
        int deadWithoutLetter;
        try (Connection db = platform.primary();
                Statement sql = db.createStatement()) {
            orders = orders(sql, published);
            try (ResultSet rows = sql.executeQuery(
                    "SELECT association_value FROM association_value_entry WHERE association_key = 'orderId'")) {
                while (rows.next()) {
                    liveSagas.add(rows.getString(1));
                }
            }
            String slot;
            try (ResultSet rows =
                    sql.executeQuery("SELECT active_slot FROM read_model_slot WHERE read_model = 'order-summary'")) {
                rows.next();
                slot = rows.getString(1);
            }
            try (ResultSet rows = sql.executeQuery("SELECT order_id, status, version FROM order_summary_" + slot)) {
                while (rows.next()) {
                    readModel.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)});
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT subscription_id, event_id, status FROM webhook_delivery")) {
                while (rows.next()) {
                    deliveries
                            .computeIfAbsent(rows.getString(1), key -> new HashMap<>())
                            .put(rows.getString(2), rows.getString(3));
                }
            }
            try (ResultSet rows = sql.executeQuery(
                    "SELECT count(*) FROM webhook_delivery d LEFT JOIN webhook_dead_letter l ON l.delivery_id = d.id"
                            + " WHERE d.status = 'DEAD' AND l.delivery_id IS NULL")) {
                rows.next();
                deadWithoutLetter = rows.getInt(1);
            }
        }

        // 1. acknowledged orders and changes
        int lost = 0;
        for (Load.Placed placed : ledger.values()) {
            OrderState state = orders.get(placed.orderId());
            if (state == null) {
                lost++;
                violations.add("lost: acknowledged order " + placed.orderId() + " is not in the event store");
            } else if (!state.events().containsAll(placed.acknowledgedEvents())) {
                lost++;
                violations.add(
                        "lost: order " + placed.orderId() + " lacks acknowledged " + placed.acknowledgedEvents());
            }
        }
        // 2. one order per logical order (customer)
        Map<String, Integer> perCustomer = new HashMap<>();
        orders.values().forEach(state -> perCustomer.merge(state.customerId(), 1, Integer::sum));
        int duplicated = 0;
        for (Map.Entry<String, Integer> customer : perCustomer.entrySet()) {
            if (customer.getValue() > 1) {
                duplicated += customer.getValue() - 1;
                violations.add("duplicated: customer " + customer.getKey() + " has " + customer.getValue() + " orders");
            }
        }
        // 3. sagas
        orders.forEach((orderId, state) -> {
            boolean live = liveSagas.contains(orderId);
            switch (state.status()) {
                case "PLACED" -> violations.add("saga: order " + orderId + " still PLACED (saga live: " + live + ")");
                case "CONFIRMED", "SHIPPED" -> {
                    if (!live) {
                        violations.add("saga: order " + orderId + " is " + state.status() + " without its saga");
                    }
                }
                default -> {
                    if (live) {
                        violations.add("saga: order " + orderId + " is " + state.status() + " and its saga lives on");
                    }
                }
            }
        });
        // 4. stock
        for (String sku : Load.SKUS) {
            long reserved = 0;
            long committed = 0;
            for (OrderState state : orders.values()) {
                int quantity = state.lines().getOrDefault(sku, 0);
                if (state.status().equals("CONFIRMED")) {
                    reserved += quantity;
                } else if (state.status().equals("SHIPPED") || state.status().equals("DELIVERED")) {
                    committed += quantity;
                }
            }
            Http.Answer stock = platform.admin("GET", "/admin/products/" + sku, null);
            if (stock.status() != 200) {
                violations.add("stock: " + sku + " not readable (" + stock.status() + ")");
                continue;
            }
            long available = stock.json().get("available").asLong();
            long held = stock.json().get("reserved").asLong();
            if (available + held + committed != Platform.INITIAL_STOCK || held != reserved) {
                violations.add("stock: " + sku + " available " + available + " + reserved " + held + " + committed "
                        + committed + " != " + Platform.INITIAL_STOCK + " (the confirmed orders hold " + reserved
                        + ")");
            }
        }
        // 5. the topic
        Map<String, Integer> onTopic = topic();
        long topicCopies = 0;
        for (Map.Entry<String, Integer> event : onTopic.entrySet()) {
            if (event.getValue() > 1) {
                topicCopies += event.getValue() - 1;
                violations.add("topic: event " + event.getKey() + " is on the topic " + event.getValue() + " times");
            }
            if (!published.contains(event.getKey())) {
                violations.add("topic: event " + event.getKey() + " is on the topic but not in the event store");
            }
        }
        Set<String> missing = new HashSet<>(published);
        missing.removeAll(onTopic.keySet());
        if (!missing.isEmpty()) {
            violations.add("topic: " + missing.size() + " events not (yet) on the topic, e.g. " + first(missing));
        }
        // 6. webhooks
        long receiverCopies = 0;
        for (Map.Entry<String, String> subscription : platform.subscriptions.entrySet()) {
            Map<String, String> rows = deliveries.getOrDefault(subscription.getKey(), Map.of());
            Map<String, AtomicInteger> received = platform.receiver.accepted(subscription.getValue());
            Set<String> undelivered = new HashSet<>(onTopic.keySet());
            undelivered.removeAll(rows.keySet());
            if (!undelivered.isEmpty()) {
                violations.add("webhooks: " + subscription.getValue() + " has no delivery of " + undelivered.size()
                        + " events, e.g. " + first(undelivered));
            }
            Map<String, Integer> byStatus = new TreeMap<>();
            rows.forEach((eventId, status) -> {
                byStatus.merge(status, 1, Integer::sum);
                if (status.equals("DELIVERED") && !received.containsKey(eventId)) {
                    violations.add("webhooks: " + subscription.getValue() + " delivery of " + eventId
                            + " is DELIVERED but never reached the endpoint");
                }
            });
            if (byStatus.getOrDefault("PENDING", 0) > 0) {
                violations.add("webhooks: " + subscription.getValue() + " has " + byStatus.get("PENDING")
                        + " deliveries still pending");
            }
            for (AtomicInteger copies : received.values()) {
                receiverCopies += copies.get() - 1;
            }
        }
        if (deadWithoutLetter > 0) {
            violations.add("webhooks: " + deadWithoutLetter + " dead deliveries without a dead letter");
        }
        // 7. the read model against a replay of the event store
        orders.forEach((orderId, state) -> {
            String[] row = readModel.get(orderId);
            if (row == null) {
                violations.add("read model: order " + orderId + " is missing");
            } else if (!row[0].equals(state.status()) || Long.parseLong(row[1]) != state.version()) {
                violations.add("read model: order " + orderId + " is " + row[0] + " v" + row[1] + ", the events say "
                        + state.status() + " v" + state.version());
            }
        });
        if (readModel.size() > orders.size()) {
            violations.add("read model: " + (readModel.size() - orders.size()) + " orders the event store lacks");
        }
        return new Result(lost, duplicated, violations, topicCopies, receiverCopies);
    }

    /** Every order replayed from its events; the ids of every event that is published go to the set. */
    private static Map<String, OrderState> orders(Statement sql, Set<String> published) throws SQLException {
        Map<String, OrderState> orders = new HashMap<>();
        try (ResultSet rows = sql.executeQuery(
                "SELECT aggregate_identifier, sequence_number, type, payload_type, event_identifier, payload"
                        + " FROM domain_event_entry WHERE type IN ('Order', 'Payment')"
                        + " ORDER BY aggregate_identifier, sequence_number")) {
            while (rows.next()) {
                String event = rows.getString(4).substring(rows.getString(4).lastIndexOf('.') + 1);
                if (PUBLISHED.contains(event)) {
                    published.add(rows.getString(5));
                }
                if (!rows.getString(3).equals("Order")) {
                    continue;
                }
                String orderId = rows.getString(1);
                long version = rows.getLong(2);
                OrderState state = orders.get(orderId);
                if (event.equals("OrderPlaced")) {
                    JsonNode placed = json(rows.getBytes(6));
                    Map<String, Integer> lines = new TreeMap<>();
                    placed.get("lines")
                            .forEach(line -> lines.merge(
                                    line.get("sku").asText(),
                                    line.get("quantity").asInt(),
                                    Integer::sum));
                    state = new OrderState(
                            "PLACED", version, placed.get("customerId").asText(), lines, new HashSet<>());
                } else if (state == null) {
                    continue; // its first event was not an OrderPlaced: reported as a read-model mismatch
                }
                state.events().add(event);
                orders.put(
                        orderId,
                        new OrderState(
                                STATUS_AFTER.getOrDefault(event, state.status()),
                                version,
                                state.customerId(),
                                state.lines(),
                                state.events()));
            }
        }
        return orders;
    }

    /** Every record on the topic, by event id, with how many times it is there. */
    private Map<String, Integer> topic() {
        Map<String, Integer> events = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // to the high watermarks: a read committed consumer's end is the last stable offset,
            // below a committed transaction whose markers are not written yet
            Map<TopicPartition, Long> ends;
            try (KafkaConsumer<String, String> watermarks = new KafkaConsumer<>(
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka.bootstrapServers()),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                ends = watermarks.endOffsets(partitions, Duration.ofSeconds(30));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the topic to its end within 60 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader("event-id");
                    events.merge(new String(id.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                }
            }
        }
        return events;
    }

    private static JsonNode json(byte[] payload) {
        try {
            return Http.JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("An event payload that is not JSON", e);
        }
    }

    private static String first(Set<String> values) {
        return values.iterator().next();
    }
}
