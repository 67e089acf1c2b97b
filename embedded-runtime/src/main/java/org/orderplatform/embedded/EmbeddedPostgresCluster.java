package org.orderplatform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL primary with streaming-replication standbys, all from the embedded binaries: a
 * commit is acknowledged once the primary and at least one standby have it on disk
 * ({@code synchronous_standby_names = 'ANY 1 (standby1, standby2)'}, {@code synchronous_commit =
 * on}): W = 2 of N = 3. A standby is made, on the first start, as PostgreSQL's documentation
 * describes a base backup: a copy of the stopped primary's data directory, with {@code
 * standby.signal} and {@code primary_conninfo}; no other tool is needed. Later starts reuse the
 * directories. The primary's data is in {@code directory}, standby {@code i}'s beside it in
 * {@code <directory>-standby-<i>}.
 */
public final class EmbeddedPostgresCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresCluster.class);

    private final EmbeddedPostgresServer primary;
    private final List<Standby> standbys;

    private EmbeddedPostgresCluster(EmbeddedPostgresServer primary, List<Standby> standbys) {
        this.primary = primary;
        this.standbys = standbys;
    }

    /**
     * @param standbyCount 0: the primary alone, as {@link EmbeddedPostgresServer#start}
     * @param port the primary's port (0: a free one); standbys take free ports
     * @param durable fsync on; synchronous commit is on whatever this says (it is the quorum)
     */
    public static EmbeddedPostgresCluster start(
            Path directory, int standbyCount, int port, boolean durable, boolean stopOnJvmExit) {
        if (standbyCount == 0) {
            return new EmbeddedPostgresCluster(
                    EmbeddedPostgresServer.start(directory, port, durable, stopOnJvmExit), List.of());
        }
        Path primaryDirectory = directory.toAbsolutePath();
        int primaryPort = port > 0 ? port : FreePorts.pick();
        // (synchronous_standby_names goes into the primary's postgresql.auto.conf: the library
        // passes settings through a shell, which its parentheses do not survive)
        Map<String, String> primarySettings = Map.of(
                "synchronous_commit", "on",
                // a standby that was away catches up from the primary's kept log
                "wal_keep_size", "512MB");
        List<Path> standbyDirectories = IntStream.rangeClosed(1, standbyCount)
                .mapToObj(i -> primaryDirectory.resolveSibling(primaryDirectory.getFileName() + "-standby-" + i))
                .toList();
        if (standbyDirectories.stream().anyMatch(dir -> !Files.exists(dir.resolve("standby.signal")))) {
            // first start: the primary's directory made (initdb) and stopped cleanly, then copied
            EmbeddedPostgresServer.start(primaryDirectory, primaryPort, durable, stopOnJvmExit, primarySettings)
                    .close();
            for (int i = 0; i < standbyCount; i++) {
                makeStandby(primaryDirectory, standbyDirectories.get(i), "standby" + (i + 1), primaryPort);
            }
            // the primary's alone: a standby promoted later must not wait for standbys of its own
            appendSetting(primaryDirectory, "synchronous_standby_names = '" + quorum(standbyCount) + "'");
        }
        EmbeddedPostgresServer primary =
                EmbeddedPostgresServer.start(primaryDirectory, primaryPort, durable, stopOnJvmExit, primarySettings);
        List<Standby> standbys = new ArrayList<>();
        try {
            for (Path standbyDirectory : standbyDirectories) {
                Standby standby = new Standby(standbyDirectory, FreePorts.pick(), durable, stopOnJvmExit);
                standby.start();
                standbys.add(standby);
            }
        } catch (RuntimeException e) {
            standbys.forEach(Standby::stop);
            primary.close();
            throw e;
        }
        log.info(
                "Embedded PostgreSQL cluster: primary on port {}, standbys on {}; a commit needs the primary and {}",
                primary.port(),
                standbys.stream().map(standby -> String.valueOf(standby.port)).collect(Collectors.joining(", ")),
                quorum(standbyCount));
        return new EmbeddedPostgresCluster(primary, standbys);
    }

    /** {@code ANY 1 (standby1, standby2, ...)}: any one standby's copy makes a commit count. */
    static String quorum(int standbys) {
        return "ANY 1 ("
                + IntStream.rangeClosed(1, standbys)
                        .mapToObj(i -> "standby" + i)
                        .collect(Collectors.joining(", ")) + ")";
    }

    private static void makeStandby(Path primary, Path standby, String name, int primaryPort) {
        try {
            deleteRecursively(standby);
            try (Stream<Path> files = Files.walk(primary)) {
                for (Path source : files.toList()) {
                    Path relative = primary.relativize(source);
                    String fileName = relative.getFileName() == null
                            ? ""
                            : relative.getFileName().toString();
                    if (fileName.equals("postmaster.pid") || fileName.equals("postmaster.opts")) {
                        continue;
                    }
                    Path target = standby.resolve(relative.toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            // PostgreSQL refuses a data directory others may read
            Files.setPosixFilePermissions(standby, PosixFilePermissions.fromString("rwx------"));
            Files.createFile(standby.resolve("standby.signal"));
            appendSetting(
                    standby,
                    "primary_conninfo = 'host=localhost port=" + primaryPort + " user=" + EmbeddedPostgresServer.USER
                            + " application_name=" + name + "'");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make the standby " + standby, e);
        }
    }

    private static void appendSetting(Path dataDirectory, String line) {
        try {
            Files.writeString(dataDirectory.resolve("postgresql.auto.conf"), line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not configure " + dataDirectory, e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public EmbeddedPostgresServer primary() {
        return primary;
    }

    public int standbyCount() {
        return standbys.size();
    }

    /** Standby {@code i} (1 to the count), while it runs. */
    public EmbeddedPostgresServer standby(int i) {
        EmbeddedPostgresServer server = standbys.get(i - 1).server;
        if (server == null) {
            throw new IllegalStateException("standby" + i + " is stopped");
        }
        return server;
    }

    /** Stops standby {@code i}, as its machine going away would (its data stays). */
    public void stopStandby(int i) {
        standbys.get(i - 1).stop();
    }

    /** Starts standby {@code i} again: it catches up from the primary. */
    public void startStandby(int i) {
        standbys.get(i - 1).start();
    }

    @Override
    public void close() {
        standbys.forEach(Standby::stop);
        primary.close();
    }

    private static final class Standby {
        final Path directory;
        final int port;
        final boolean durable;
        final boolean stopOnJvmExit;
        volatile EmbeddedPostgresServer server;

        Standby(Path directory, int port, boolean durable, boolean stopOnJvmExit) {
            this.directory = directory;
            this.port = port;
            this.durable = durable;
            this.stopOnJvmExit = stopOnJvmExit;
        }

        synchronized void start() {
            if (server == null) {
                server = EmbeddedPostgresServer.start(
                        directory, port, durable, stopOnJvmExit, Map.of("hot_standby", "on"));
            }
        }

        synchronized void stop() {
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }
}
