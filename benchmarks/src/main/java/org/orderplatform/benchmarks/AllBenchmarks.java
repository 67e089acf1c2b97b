package org.orderplatform.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * {@code java -jar benchmarks.jar all [key=value ...] [--huge] [--smoke] [--out=table.md] [--only=R1,L1]
 * [--with=setting=value ...]}:
 * every row of the performance targets, each group on a platform of its own (fresh embedded
 * PostgreSQL and Kafka, only the processors the row measures running), printed as one table.
 * A group that fails gives rows marked "error" and the others still run.
 */
final class AllBenchmarks {

    private AllBenchmarks() {}

    @FunctionalInterface
    private interface Group {
        void run(Sizes sizes, Table table) throws Exception;
    }

    static Table run(String... args) {
        Sizes sizes = Sizes.parse(args);
        for (String arg : args) {
            if (arg.startsWith("--with=")) {
                BenchmarkPlatform.EXTRA.add("--" + arg.substring("--with=".length()));
            }
        }
        Set<String> only = only(args);
        Table table = new Table();
        System.out.printf(
                Locale.ROOT,
                "%nPerformance targets, %s%n  machine: %d cores, %,d MiB max heap, load average %.2f, Java %s%n  sizes: %s%n%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"),
                sizes);
        group(only, Set.of("R1", "R2"), "R1/R2 commands", CommandBenchmark::run, sizes, table);
        group(only, Set.of("R3"), "R3 aggregate load", AggregateLoadBenchmark::run, sizes, table);
        group(only, Set.of("R4", "P1", "R6"), "R4/P1/R6 replays", ProjectionReplayBenchmark::run, sizes, table);
        group(only, Set.of("R5"), "R5 webhooks", WebhookThroughputBenchmark::run, sizes, table);
        group(only, Set.of("L1", "S1"), "L1/S1 fulfilment", FulfilmentBenchmark::run, sizes, table);
        group(only, Set.of("M1"), "M1 middleware", MiddlewareBenchmark::run, sizes, table);
        group(only, Set.of("G1", "F1"), "G1/F1 gateway and gossip", GatewayBenchmark::run, sizes, table);
        System.out.printf("%n%s%n", table.markdown());
        return table;
    }

    public static void main(String[] args) throws Exception {
        Table table = run(args);
        for (String arg : args) {
            if (arg.startsWith("--out=")) {
                Files.writeString(Path.of(arg.substring("--out=".length())), table.markdown());
            }
        }
        // Axon's janitor thread is not a daemon; a server stops on a signal, a benchmark must exit
        System.exit(0);
    }

    private static void group(Set<String> only, Set<String> ids, String name, Group group, Sizes sizes, Table table) {
        if (!only.isEmpty() && ids.stream().noneMatch(only::contains)) {
            return;
        }
        System.out.println(name + ":");
        long start = System.nanoTime();
        try {
            group.run(sizes, table);
        } catch (Exception | Error e) {
            e.printStackTrace();
            ids.stream().sorted().forEach(id -> table.add(Row.failed(id, name, e)));
        }
        System.out.printf(Locale.ROOT, "  (%s took %.0f s)%n", name, Load.seconds(start));
    }

    private static Set<String> only(String... args) {
        for (String arg : args) {
            if (arg.startsWith("--only=")) {
                return Set.of(arg.substring("--only=".length())
                        .toUpperCase(Locale.ROOT)
                        .split(","));
            }
        }
        return Set.of();
    }
}
