package org.orderplatform.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import org.orderplatform.cluster.ClusterSettings;
import org.orderplatform.cluster.MemberView;
import org.orderplatform.cluster.Membership;
import org.orderplatform.cluster.NodeMetadata;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * G1: what the gateway costs: the same trivial handler ({@code GET /api/bench/ping}, every
 * middleware stage of the node) called straight on the node and through the gateway (a process of
 * its own, from {@code gateway/target/order-gateway.jar}), in alternating slices, same concurrency.
 * F1: how long gossip takes to notice a member killed without a goodbye: the gateway process is
 * killed with SIGKILL, and the time until the node and a third member have both removed it, with
 * the default failure-detection settings (1 s pings, suspicion multiplier 3).
 */
final class GatewayBenchmark {

    private static final int SLICES = 10;

    private GatewayBenchmark() {}

    static void run(Sizes sizes, Table table) throws Exception {
        Path jar = gatewayJar();
        ConfigurableApplicationContext app = BenchmarkPlatform.start("--orders.fulfilment.enabled=false");
        Membership witness = null;
        Process gateway = null;
        try {
            Membership node = app.getBean(Membership.class);
            witness = new Membership(
                            ClusterSettings.defaults(List.of(node.gossipAddress())),
                            new NodeMetadata("witness", "", "stable", "bench", false, List.of()))
                    .start();
            int gatewayPort = freePort();
            gateway = new ProcessBuilder(
                            javaBinary(),
                            "-jar",
                            jar.toString(),
                            "--server.port=" + gatewayPort,
                            "--orders.cluster.seeds=" + node.gossipAddress(),
                            "--orders.cluster.node-id=bench-gateway",
                            // the edge budget is still consumed per request, never exhausted
                            "--orders.gateway.limits.requests-per-client=1000000000")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            HttpClient client = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(MiddlewareBenchmark.CONCURRENCY))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String direct = "http://127.0.0.1:" + BenchmarkPlatform.port(app) + "/api/bench/ping";
            String routed = "http://127.0.0.1:" + gatewayPort + "/api/bench/ping";
            awaitOk(client, routed, Duration.ofSeconds(120));

            int requests = sizes.middlewareRequests();
            int warmUp = Math.min(5_000, Math.max(requests / 3, MiddlewareBenchmark.CONCURRENCY));
            for (int round = 0; round < sizes.rounds(); round++) {
                MiddlewareBenchmark.seconds(client, direct, warmUp);
                MiddlewareBenchmark.seconds(client, routed, warmUp);
            }
            int slice = Math.max(requests / SLICES, MiddlewareBenchmark.CONCURRENCY);
            double directSeconds = 0;
            double routedSeconds = 0;
            // CPU: this process (node and client) in each kind of slice, and the gateway's own
            long directCpu = 0;
            long routedCpu = 0;
            Duration gatewayCpuBefore = cpu(gateway);
            for (int i = 0; i < SLICES; i++) {
                long before = processCpuNanos();
                directSeconds += MiddlewareBenchmark.seconds(client, direct, slice);
                long between = processCpuNanos();
                routedSeconds += MiddlewareBenchmark.seconds(client, routed, slice);
                directCpu += between - before;
                routedCpu += processCpuNanos() - between;
            }
            long gatewayCpu = cpu(gateway).minus(gatewayCpuBefore).toNanos();
            double measured =
                    (double) slice / MiddlewareBenchmark.CONCURRENCY * MiddlewareBenchmark.CONCURRENCY * SLICES;
            double straight = measured / directSeconds;
            double through = measured / routedSeconds;
            System.out.printf(
                    Locale.ROOT,
                    "  G1: %,.0f req/s straight to the node, %,.0f req/s through the gateway (%.3fx)%n",
                    straight,
                    through,
                    through / straight);
            System.out.printf(
                    Locale.ROOT,
                    "  G1: CPU per request: straight %.0f us (node and client); through the gateway %.0f us here"
                            + " + %.0f us in the gateway%n",
                    directCpu / measured / 1e3,
                    routedCpu / measured / 1e3,
                    gatewayCpu / measured / 1e3);
            table.add(Row.rate(
                    "G1",
                    "gateway: GET /api/bench/ping through it vs straight to the node",
                    through,
                    straight,
                    "req/s",
                    0.5));

            // F1: kill the gateway without a goodbye; both other members must remove it
            Membership seenByWitness = witness;
            awaitMember(node, "bench-gateway", MemberView.State.ALIVE);
            awaitMember(seenByWitness, "bench-gateway", MemberView.State.ALIVE);
            long killed = System.nanoTime();
            gateway.destroyForcibly().waitFor();
            awaitMember(node, "bench-gateway", MemberView.State.DEAD);
            awaitMember(seenByWitness, "bench-gateway", MemberView.State.DEAD);
            double detected = Load.seconds(killed);
            System.out.printf(Locale.ROOT, "  F1: a killed member removed by every other after %.1f s%n", detected);
            table.add(new Row(
                    "F1",
                    "gossip: a member killed (SIGKILL) is removed by all (1 s pings, suspicion x3, 3 members)",
                    String.format(Locale.ROOT, "%.1f s", detected),
                    "-",
                    "-",
                    "< 10 s",
                    detected < 10));
        } finally {
            if (gateway != null) {
                gateway.destroyForcibly();
            }
            if (witness != null) {
                witness.close();
            }
            app.close();
        }
    }

    private static void awaitMember(Membership membership, String id, MemberView.State state)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (membership.members().stream().noneMatch(member -> member.id().equals(id) && member.state() == state)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(id + " never became " + state);
            }
            Thread.sleep(20); // polling a benchmark's clock, not a test's synchronisation
        }
    }

    private static void awaitOk(HttpClient client, String url, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("X-API-Key", BenchmarkPlatform.KEY)
                .timeout(Duration.ofSeconds(5))
                .build();
        while (true) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the gateway is still starting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The gateway never routed " + url);
            }
            Thread.sleep(200);
        }
    }

    /** gateway/target/order-gateway.jar, from the repository root or a module directory. */
    private static Path gatewayJar() {
        String configured = System.getProperty("orders.benchmarks.gateway-jar");
        List<Path> candidates = configured != null
                ? List.of(Path.of(configured))
                : List.of(Path.of("gateway/target/order-gateway.jar"), Path.of("../gateway/target/order-gateway.jar"));
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No gateway jar at " + candidates + ": build it first (mvn -DskipTests package)"));
    }

    private static Duration cpu(Process process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
