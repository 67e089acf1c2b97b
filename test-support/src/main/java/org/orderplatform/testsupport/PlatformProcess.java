package org.orderplatform.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One platform node: the built jar ({@code app/target/order-platform.jar}) run as a process of its
 * own on loopback, as a deployment runs it, configured only by environment variables (the embedded
 * database and broker off: the test starts those and passes their addresses). Its output goes to
 * the log file given. A killed node can be started again on the same port with the same settings.
 */
public final class PlatformProcess implements AutoCloseable {

    private final String id;
    private final int port;
    private final Path log;
    private final Map<String, String> environment;
    private final Path jar;
    private Process process;

    private PlatformProcess(String id, int port, Path log, Map<String, String> environment, Path jar) {
        this.id = id;
        this.port = port;
        this.log = log;
        this.environment = environment;
        this.jar = jar;
    }

    /**
     * @param environment the node's settings ({@code ORDERS_DB_URL}, {@code KAFKA_BOOTSTRAP_SERVERS},
     *     ...); {@code PORT} and {@code ORDERS_NODE_ID} are set here
     */
    public static PlatformProcess start(String id, Path logDirectory, Map<String, String> environment) {
        return start(id, freePort(), logDirectory, environment);
    }

    /** On a port picked beforehand (another node's settings name it: a payment provider, a seed). */
    public static PlatformProcess start(String id, int port, Path logDirectory, Map<String, String> environment) {
        return start(platformJar(), id, port, logDirectory, environment);
    }

    /** Another build of the platform: a previous release's jar, in an upgrade test. */
    public static PlatformProcess start(
            Path jar, String id, int port, Path logDirectory, Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>(environment);
        settings.put("PORT", Integer.toString(port));
        settings.put("ORDERS_NODE_ID", id);
        settings.putIfAbsent("ORDERS_EMBEDDED_ENABLED", "false");
        PlatformProcess node = new PlatformProcess(id, port, logDirectory.resolve(id + ".log"), settings, jar);
        node.launch();
        return node;
    }

    public String id() {
        return id;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public synchronized boolean alive() {
        return process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no goodbye to the cluster, no answer to requests in flight, nothing flushed. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts a killed (or stopped) node again: same id, port and settings; its log goes on. */
    public synchronized void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(id + " is still running");
        }
        launch();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private synchronized void launch() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(
                            javaBinary(),
                            "-Xmx512m",
                            // several nodes start on two cores: the quick compiler gets them up sooner
                            "-XX:TieredStopAtLevel=1",
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start node " + id, e);
        }
    }

    /** app/target/order-platform.jar, built by the reactor before the modules that run it. */
    private static Path platformJar() {
        List<Path> candidates = List.of(
                Path.of("..", "app", "target", "order-platform.jar"), Path.of("app", "target", "order-platform.jar"));
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No platform jar at " + candidates + ": build it first (mvn -DskipTests package)"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
