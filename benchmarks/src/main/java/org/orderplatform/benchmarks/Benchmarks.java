package org.orderplatform.benchmarks;

import java.util.Arrays;

/**
 * {@code java -jar benchmarks.jar [all] [sizes and options]}: every performance target, one table
 * (see {@link AllBenchmarks}; {@code --only=R5,M1} runs some rows). Two benchmarks also run alone,
 * with options of their own for digging into one path: {@code ... webhooks [events]
 * [--receiver-latency-ms=20] [--setting=value]} and {@code ... middleware [requests]}.
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        String name =
                args.length > 0 && Character.isLetter(args[0].charAt(0)) && !args[0].contains("=") ? args[0] : "all";
        String[] rest = args.length > 0 && name.equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (name) {
            case "all" -> AllBenchmarks.main(rest);
            case "webhooks" -> WebhookThroughputBenchmark.main(rest);
            case "middleware" -> MiddlewareBenchmark.main(rest);
            default ->
                throw new IllegalArgumentException("Unknown benchmark " + name + "; use all, webhooks or middleware");
        }
    }
}
