package org.orderplatform.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs work from several threads at once and measures it. */
final class Load {

    private Load() {}

    /** One unit of work; {@code thread} and {@code index} say which. */
    @FunctionalInterface
    interface Task {
        void run(int thread, int index) throws Exception;
    }

    /** Operations per second for {@code total} operations spread evenly over {@code threads}. */
    static double rate(int threads, int total, Task task) throws Exception {
        int share = Math.max(1, total / threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        task.run(thread, i);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return (double) share * threads / seconds(start);
        } finally {
            pool.shutdownNow();
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The value at quantile {@code q} (0..1) of the samples (nearest rank). */
    static double percentile(double[] samples, double q) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    static double median(double[] samples) {
        return percentile(samples, 0.5);
    }
}
