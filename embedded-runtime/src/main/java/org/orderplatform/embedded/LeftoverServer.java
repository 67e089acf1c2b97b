package org.orderplatform.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that outlived its JVM (killed with {@code kill -9}) still owns the data
 * directory, and a new one cannot start on it. Its {@code postmaster.pid} names it: stop it first.
 */
final class LeftoverServer {

    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private LeftoverServer() {}

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty()
                ? Optional.empty()
                : parse(lines.get(0))
                        .flatMap(ProcessHandle::of)
                        .filter(process -> process.info().command().orElse("").contains("postgres"));
        if (postmaster.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself deals with that
        }
        requireNoLiveOwner(dataDirectory);
        ProcessHandle process = postmaster.get();
        log.warn(
                "A PostgreSQL server (pid {}) from an earlier run still holds {}; stopping it",
                process.pid(),
                dataDirectory);
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown, its clients are gone already
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly(); // the next start then runs crash recovery
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the leftover PostgreSQL server", e);
        } catch (ExecutionException e) {
            throw new IOException("Could not stop the leftover PostgreSQL server", e);
        }
    }

    /**
     * The embedded server's owner holds a file lock on {@code epg-lock} while it runs; the lock
     * dies with its JVM. If it is still held, the server is not left over: another instance of
     * the platform is using this data directory right now.
     */
    private static void requireNoLiveOwner(Path dataDirectory) throws IOException {
        try (FileChannel channel = FileChannel.open(
                        dataDirectory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dataDirectory);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDirectory);
        }
    }

    private static IllegalStateException inUse(Path dataDirectory) {
        return new IllegalStateException("The data directory " + dataDirectory + " is in use by another running "
                + "instance; stop it or set ORDERS_DATA_DIR to another directory");
    }

    private static Optional<Long> parse(String pid) {
        try {
            return Optional.of(Long.parseLong(pid.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
