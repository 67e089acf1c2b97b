package org.orderplatform.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sizes of one benchmark run, from {@code key=value} arguments (any left out keep their
 * default): {@code java -jar benchmarks.jar all orders=20000 large=1000000}. {@code --huge} sets
 * {@code large} to 10,000,000; {@code --smoke} makes every size tiny (the test that keeps the
 * benchmarks from rotting).
 *
 * @param concurrency client threads for the command and HTTP rows (R1, R2, S1; R5 and M1 use 8)
 * @param commands commands (R1, R2) per measurement
 * @param loadEvents events of the aggregate loaded in R3
 * @param loads loads measured per variant in R3
 * @param replayOrders orders (5 events each) replayed in R4 and P1
 * @param p1Events at most this many events for the slow Axon-defaults baseline of P1
 * @param large events stored before R6 measures R1 and R4 again
 * @param latencyOrders sequential orders for L1
 * @param sagaOrders orders in the backlog the saga drains in S1
 * @param webhookEvents events delivered in R5 (live and backlog)
 * @param middlewareRequests requests per path in M1
 * @param rounds rounds of each variant where the median counts (R1/R2), and warm-up rounds (M1, G1)
 */
record Sizes(
        int concurrency,
        int commands,
        int loadEvents,
        int loads,
        int replayOrders,
        int p1Events,
        long large,
        int latencyOrders,
        int sagaOrders,
        int webhookEvents,
        int middlewareRequests,
        int rounds) {

    static final Sizes DEFAULT =
            new Sizes(8, 4_000, 10_000, 20, 20_000, 20_000, 1_000_000, 100, 2_000, 5_000, 20_000, 3);
    static final Sizes SMOKE = new Sizes(4, 200, 500, 3, 300, 500, 3_000, 5, 30, 100, 300, 1);

    static Sizes parse(String... args) {
        Sizes sizes = DEFAULT;
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                sizes = SMOKE;
            } else if (arg.equals("--huge")) {
                values.put("large", "10000000");
            } else if (arg.contains("=") && !arg.startsWith("--")) {
                values.put(
                        arg.substring(0, arg.indexOf('=')).toLowerCase(Locale.ROOT),
                        arg.substring(arg.indexOf('=') + 1));
            }
        }
        return new Sizes(
                intOf(values, "concurrency", sizes.concurrency),
                intOf(values, "commands", sizes.commands),
                intOf(values, "loadevents", sizes.loadEvents),
                intOf(values, "loads", sizes.loads),
                intOf(values, "orders", sizes.replayOrders),
                intOf(values, "p1events", sizes.p1Events),
                Long.parseLong(values.getOrDefault("large", Long.toString(sizes.large))),
                intOf(values, "latencyorders", sizes.latencyOrders),
                intOf(values, "sagaorders", sizes.sagaOrders),
                intOf(values, "webhookevents", sizes.webhookEvents),
                intOf(values, "requests", sizes.middlewareRequests),
                intOf(values, "rounds", sizes.rounds));
    }

    private static int intOf(Map<String, String> values, String key, int otherwise) {
        return Integer.parseInt(values.getOrDefault(key, Integer.toString(otherwise)));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "concurrency=%d commands=%d loadEvents=%d loads=%d orders=%d p1Events=%d large=%d latencyOrders=%d"
                        + " sagaOrders=%d webhookEvents=%d requests=%d rounds=%d",
                concurrency,
                commands,
                loadEvents,
                loads,
                replayOrders,
                p1Events,
                large,
                latencyOrders,
                sagaOrders,
                webhookEvents,
                middlewareRequests,
                rounds);
    }
}
