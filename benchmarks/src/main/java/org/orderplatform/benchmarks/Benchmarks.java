package org.orderplatform.benchmarks;

import java.util.Arrays;

/**
 * {@code java -jar benchmarks.jar all [sizes]} (every performance target, one table; see
 * {@link AllBenchmarks}), or one benchmark alone: {@code ... replay [orders]}, {@code ... webhooks
 * [events]}, {@code ... middleware [requests]} (replay when the first argument is not a name).
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 && !Character.isDigit(args[0].charAt(0)) ? args[0] : "replay";
        String[] rest = name.equals("replay") && (args.length == 0 || Character.isDigit(args[0].charAt(0)))
                ? args
                : Arrays.copyOfRange(args, 1, args.length);
        switch (name) {
            case "replay" -> ReplayBenchmark.main(rest);
            case "webhooks" -> WebhookThroughputBenchmark.main(rest);
            case "middleware" -> MiddlewareBenchmark.main(rest);
            case "all" -> AllBenchmarks.main(rest);
            default ->
                throw new IllegalArgumentException(
                        "Unknown benchmark " + name + "; use all, replay, webhooks or middleware");
        }
    }
}
