package org.orderplatform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from embedded binaries, keeping its data in {@code dataDirectory}: a
 * restart finds the same database. {@code durable=false} trades crash safety for speed (tests).
 * Supervised ({@link #supervise}), it is started again, on the same port and data, when its
 * postmaster dies.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDirectory;
    private final boolean durable;
    private final boolean stopOnJvmExit;
    private final Map<String, String> settings;
    private volatile EmbeddedPostgres postgres;
    private volatile ScheduledExecutorService supervisor;
    private volatile boolean closed;

    private EmbeddedPostgresServer(
            Path dataDirectory, boolean durable, boolean stopOnJvmExit, Map<String, String> settings) {
        this.dataDirectory = dataDirectory;
        this.durable = durable;
        this.stopOnJvmExit = stopOnJvmExit;
        this.settings = Map.copyOf(settings);
    }

    /**
     * @param durable {@code fsync} and {@code synchronous_commit} on (a committed order survives a
     *     crash of the machine) or off (tests)
     * @param stopOnJvmExit whether a JVM shutdown hook stops it; off when the caller's lifecycle
     *     does (Spring's), because that hook would kill the database under in-flight requests
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean durable, boolean stopOnJvmExit) {
        return start(dataDirectory, port, durable, stopOnJvmExit, Map.of());
    }

    /** With server settings of its own ({@code postgresql.conf} names), over the defaults. */
    static EmbeddedPostgresServer start(
            Path dataDirectory, int port, boolean durable, boolean stopOnJvmExit, Map<String, String> settings) {
        EmbeddedPostgresServer server =
                new EmbeddedPostgresServer(dataDirectory.toAbsolutePath(), durable, stopOnJvmExit, settings);
        try {
            server.postgres = server.launch(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
        }
        log.info(
                "Embedded PostgreSQL started on port {}, data in {} ({})",
                server.port(),
                server.dataDirectory,
                durable ? "durable: fsync and synchronous commit on" : "not durable: fsync off");
        return server;
    }

    private EmbeddedPostgres launch(int port) throws IOException {
        Files.createDirectories(dataDirectory);
        LeftoverServer.stopIfRunning(dataDirectory);
        String onOff = durable ? "on" : "off";
        // the library starts the server with -F (fsync off); a -c after it wins
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(stopOnJvmExit)
                .setServerConfig("fsync", onOff)
                .setServerConfig("synchronous_commit", onOff)
                .setServerConfig("max_connections", "200");
        settings.forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /**
     * Watches the postmaster every {@code interval}; when it has died (killed, crashed), starts the
     * server again on the same port and data directory (crash recovery replays its WAL), retrying
     * until it runs. Meanwhile connections fail, and the application's health says so.
     */
    public synchronized EmbeddedPostgresServer supervise(Duration interval) {
        if (supervisor == null) {
            supervisor = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "embedded-postgres-supervisor");
                thread.setDaemon(true);
                return thread;
            });
            supervisor.scheduleWithFixedDelay(
                    this::restartIfDead, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void restartIfDead() {
        if (closed || postmaster().map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        int port = port();
        log.error("Embedded PostgreSQL (port {}) has stopped unexpectedly; starting it again", port);
        try {
            // releases the library's lock on the data directory (its stop command fails: nothing to stop)
            postgres.close();
            EmbeddedPostgres restarted = launch(port);
            synchronized (this) {
                if (closed) {
                    restarted.close();
                    return;
                }
                postgres = restarted;
            }
            log.warn("Embedded PostgreSQL started again on port {}", port);
        } catch (IOException | RuntimeException e) {
            // e.g. the dead postmaster's backends still hold its shared memory: the next round retries
            log.warn("Embedded PostgreSQL could not be started again yet: {}", e.getMessage());
        }
    }

    /** The running postmaster, from its pid file. */
    public Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
