package org.orderplatform.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads, grouped by what they do (the server's request threads, the
 * benchmark's own HTTP client, processors, ...): tells the platform's cost from the client's.
 */
final class ThreadCpu {

    private final Map<Long, Long> startNanos = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();

    private ThreadCpu() {}

    static ThreadCpu start() {
        ThreadCpu cpu = new ThreadCpu();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            cpu.startNanos.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        return cpu;
    }

    /** Microseconds per operation since {@link #start()}, per group of threads, largest first. */
    String perOperation(long operations) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            long now = threads.getThreadCpuTime(id);
            ThreadInfo info = threads.getThreadInfo(id);
            if (now < 0 || info == null) {
                continue;
            }
            long used = now - startNanos.getOrDefault(id, 0L);
            byGroup.merge(group(info.getThreadName()), used, Long::sum);
        }
        StringBuilder out = new StringBuilder();
        byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6)
                .forEach(entry -> out.append(String.format(
                        Locale.ROOT, "%s %.0f us, ", entry.getKey(), entry.getValue() / 1e3 / operations)));
        return out.length() > 2 ? out.substring(0, out.length() - 2) : "";
    }

    private static String group(String name) {
        if (name.startsWith("http-nio")) {
            return "server";
        }
        if (name.startsWith("HttpClient")) {
            return "http client";
        }
        if (name.startsWith("pool-")) {
            return "benchmark threads";
        }
        if (name.startsWith("WorkPackage") || name.startsWith("Coordinator")) {
            return "processors";
        }
        return name.replaceAll("[-#]?\\d+", "");
    }
}
