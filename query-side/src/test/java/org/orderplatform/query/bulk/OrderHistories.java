package org.orderplatform.query.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.orderplatform.api.order.CancellationReason;
import org.orderplatform.api.order.OrderCancelled;
import org.orderplatform.api.order.OrderConfirmed;
import org.orderplatform.api.order.OrderDelivered;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.OrderShipped;
import org.orderplatform.api.order.ShippingAddress;
import org.orderplatform.api.order.ShippingAddressChanged;

/**
 * Random order histories as the order aggregate writes them: placed first, then address changes,
 * confirmation, shipping, delivery or a cancellation, sequence numbers rising per order; the
 * orders' events interleaved at random. Free text holds what a {@code COPY} line must escape.
 */
final class OrderHistories {

    private static final String[] AWKWARD = {
        "plain", "tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "quote \" and '", "ümlaut €", ""
    };
    private static final String[] CURRENCIES = {"EUR", "USD", "JPY"};

    private final Random random;
    private final String prefix;
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    OrderHistories(long seed) {
        this.random = new Random(seed);
        this.prefix = "h" + seed + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    /** The events of {@code orders} orders of {@code customers} customers, interleaved. */
    List<DomainEventMessage<?>> interleaved(int orders, int customers) {
        List<List<Object>> histories = new ArrayList<>();
        for (int o = 0; o < orders; o++) {
            histories.add(history(prefix + "order-" + o, prefix + "customer-" + random.nextInt(customers)));
        }
        List<Integer> remaining = new ArrayList<>();
        for (int o = 0; o < orders; o++) {
            for (int e = 0; e < histories.get(o).size(); e++) {
                remaining.add(o);
            }
        }
        Collections.shuffle(remaining, random);
        int[] next = new int[orders];
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int order : remaining) {
            int version = next[order]++;
            events.add(event(
                    prefix + "order-" + order, version, histories.get(order).get(version)));
        }
        return events;
    }

    /** Events of orders nobody else has, for transactions that roll back (gaps in the global index). */
    List<DomainEventMessage<?>> ghosts(int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orderId = prefix + "ghost-" + UUID.randomUUID();
            events.add(event(orderId, 0, placed(orderId, prefix + "customer-ghost")));
        }
        return events;
    }

    /** One order's payloads in the order the aggregate applies them. */
    List<Object> history(String orderId, String customerId) {
        List<Object> events = new ArrayList<>();
        events.add(placed(orderId, customerId));
        int stage = 0; // 0 placed, 1 confirmed, 2 shipped, 3 delivered or cancelled
        int steps = random.nextInt(7);
        for (int step = 0; step < steps && stage < 3; step++) {
            int dice = random.nextInt(10);
            if (dice < 3 && stage < 2) {
                events.add(new ShippingAddressChanged(orderId, address()));
            } else if (dice < 5 && stage < 2) {
                events.add(new OrderCancelled(
                        orderId,
                        CancellationReason.values()[random.nextInt(CancellationReason.values().length)],
                        random.nextBoolean() ? null : awkward()));
                stage = 3;
            } else if (stage == 0) {
                events.add(new OrderConfirmed(orderId));
                stage = 1;
            } else if (stage == 1) {
                events.add(new OrderShipped(orderId));
                stage = 2;
            } else {
                events.add(new OrderDelivered(orderId));
                stage = 3;
            }
        }
        return events;
    }

    private OrderPlaced placed(String orderId, String customerId) {
        List<OrderLine> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        long total = 0;
        for (int i = 0; i < count; i++) {
            OrderLine line =
                    new OrderLine("SKU-" + random.nextInt(100), 1 + random.nextInt(5), 1 + random.nextInt(20_000));
            lines.add(line);
            total += line.lineTotalMinor();
        }
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        return new OrderPlaced(orderId, customerId, currency, lines, address(), total, null);
    }

    private ShippingAddress address() {
        return new ShippingAddress(
                "Recipient " + awkward(),
                random.nextInt(100) + " Main Street",
                random.nextBoolean() ? null : awkward(),
                "Berlin",
                random.nextBoolean() ? null : "BE",
                "10117",
                "DE");
    }

    private String awkward() {
        return AWKWARD[random.nextInt(AWKWARD.length)];
    }

    private DomainEventMessage<?> event(String orderId, long version, Object payload) {
        // time moves on by up to a second per event, with sub-millisecond parts
        clock = clock.plusNanos(random.nextInt(1_000_000_000));
        return new GenericDomainEventMessage<>(
                "Order",
                orderId,
                version,
                payload,
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                clock);
    }
}
