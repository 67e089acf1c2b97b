package org.orderplatform.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.OrderPlaced;
import org.orderplatform.api.order.PlaceOrderCommand;
import org.orderplatform.api.order.ShippingAddress;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * R1 and R2: how fast commands are taken.
 *
 * <ul>
 *   <li>R1: {@code PlaceOrderCommand}s through Axon's command bus (no HTTP) from N threads: the
 *       aggregate decides, its event is appended in one transaction (with the aggregate's write
 *       lock). Baseline: the same per-command work in plain JDBC, from the same N threads on the
 *       same connection pool: one transaction that reads the aggregate's last sequence number and
 *       inserts its event row (payload and metadata serialized with the same mapper).
 *   <li>R2: {@code POST /api/v1/orders} over HTTP through every middleware stage (correlation id,
 *       authentication, throttling, bulkhead, idempotency), against R1's platform rate.
 * </ul>
 *
 * Only the command side runs: projections are stopped, the saga and the relay are off. Each
 * variant runs three times (sizes' rounds), interleaved; the median counts.
 */
final class CommandBenchmark {

    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Ada Lovelace", "Unter den Linden 1", null, "Berlin", null, "10117", "DE");
    private static final List<OrderLine> LINES =
            List.of(new OrderLine("KEYBOARD-DE", 1, 8999), new OrderLine("USB-C-CABLE", 2, 1299));

    private CommandBenchmark() {}

    static ConfigurableApplicationContext startCommandSideOnly() {
        ConfigurableApplicationContext app = BenchmarkPlatform.start(
                "--orders.fulfilment.enabled=false",
                "--orders.webhooks.relay.enabled=false",
                "--orders.webhooks.dispatcher.enabled=false");
        BenchmarkPlatform.stopProcessors(app, "order-summary", "order-detail", "customer-stats");
        return app;
    }

    static void run(Sizes sizes, Table table) throws Exception {
        ConfigurableApplicationContext app = startCommandSideOnly();
        try {
            Rates rates = measure(app, sizes, true);
            table.add(Row.rate(
                    "R1",
                    "command append via command bus, " + sizes.concurrency() + " concurrent",
                    rates.bus(),
                    rates.plain(),
                    "cmd/s",
                    0.7));
            table.add(Row.rate(
                    "R2",
                    "HTTP POST /api/v1/orders, full middleware, " + sizes.concurrency() + " concurrent",
                    rates.http(),
                    rates.bus(),
                    "req/s",
                    0.6));
        } finally {
            app.close();
        }
    }

    /** Medians of the command bus, plain JDBC and (when asked) HTTP rates. */
    static Rates measure(ConfigurableApplicationContext app, Sizes sizes, boolean withHttp) throws Exception {
        CommandGateway commands = app.getBean(CommandGateway.class);
        DataSource dataSource = app.getBean(DataSource.class);
        ObjectMapper json = app.getBean("defaultAxonObjectMapper", ObjectMapper.class);
        Http http = new Http(BenchmarkPlatform.port(app), sizes.concurrency());
        int n = sizes.concurrency();
        int count = sizes.commands();
        Load.Task bus =
                (thread, i) -> commands.sendAndWait(place(UUID.randomUUID().toString()));
        Load.Task plain =
                (thread, i) -> plainAppend(dataSource, json, UUID.randomUUID().toString());
        Load.Task post = (thread, i) ->
                http.expect(201, "/api/v1/orders", Http.orderJson("customer-" + thread, "SKU-1", "SKU-2"));
        // warm-up: JIT, connection pool, caches
        Load.rate(n, Math.max(n, count / 4), bus);
        Load.rate(n, Math.max(n, count / 4), plain);
        if (withHttp) {
            Load.rate(n, Math.max(n, count / 4), post);
        }
        int rounds = sizes.rounds();
        double[] busRates = new double[rounds];
        double[] plainRates = new double[rounds];
        double[] httpRates = new double[rounds];
        String[] cpu = new String[3];
        for (int round = 0; round < rounds; round++) {
            Cpu start = Cpu.now(dataSource);
            busRates[round] = Load.rate(n, count, bus);
            cpu[0] = Cpu.perOperation(start, count);
            start = Cpu.now(dataSource);
            plainRates[round] = Load.rate(n, count, plain);
            cpu[1] = Cpu.perOperation(start, count);
            if (withHttp) {
                start = Cpu.now(dataSource);
                ThreadCpu threads = ThreadCpu.start();
                httpRates[round] = Load.rate(n, count, post);
                cpu[2] = Cpu.perOperation(start, count) + " (" + threads.perOperation(count) + ")";
            }
        }
        System.out.printf("    last round: command bus %s; plain JDBC %s; HTTP %s%n", cpu[0], cpu[1], cpu[2]);
        System.out.printf(
                "    command bus %s, plain JDBC %s, HTTP %s (cmd/s per round)%n",
                Arrays.toString(round(busRates)),
                Arrays.toString(round(plainRates)),
                Arrays.toString(round(httpRates)));
        return new Rates(Load.median(busRates), Load.median(plainRates), Load.median(httpRates));
    }

    record Rates(double bus, double plain, double http) {}

    static PlaceOrderCommand place(String orderId) {
        return new PlaceOrderCommand(orderId, "customer-1", "EUR", LINES, ADDRESS, "tok_visa");
    }

    /** What a command costs at least: read the aggregate's last sequence, append its event, commit. */
    private static void plainAppend(DataSource dataSource, ObjectMapper json, String orderId) throws Exception {
        OrderPlaced event = new OrderPlaced(orderId, "customer-1", "EUR", LINES, ADDRESS, 11597, "tok_visa");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long next = 0;
            try (PreparedStatement last = connection.prepareStatement(
                    "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
                last.setString(1, orderId);
                try (ResultSet rs = last.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        next = rs.getLong(1) + 1;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                            + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, orderId);
                insert.setLong(2, next);
                insert.setString(3, "Order");
                insert.setString(4, UUID.randomUUID().toString());
                insert.setBytes(
                        5,
                        json.writeValueAsBytes(Map.of(
                                "correlationId", UUID.randomUUID().toString(),
                                "traceId", UUID.randomUUID().toString())));
                insert.setBytes(6, json.writeValueAsBytes(event));
                insert.setString(7, null);
                insert.setString(8, OrderPlaced.class.getName());
                insert.setString(9, Instant.now().toString());
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    private static long[] round(double[] rates) {
        return Arrays.stream(rates).mapToLong(Math::round).toArray();
    }
}
