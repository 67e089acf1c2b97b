package org.orderplatform.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * CPU time spent by this JVM and by the PostgreSQL server processes between two points. On a
 * shared, noisy machine rates swing with the neighbours' load, but the CPU an operation costs
 * barely does: it says where an operation's time goes, and what a quiet machine would allow.
 * PostgreSQL's share is read from {@code /proc} (Linux; zero elsewhere): the server behind the
 * given data source (its postmaster and that postmaster's children), not other servers on the
 * machine.
 */
record Cpu(long jvmNanos, long databaseNanos, long postmaster) {

    private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    /** The CPU used so far by this JVM and by the server behind {@code dataSource}. */
    static Cpu now(DataSource dataSource) {
        long postmaster = postmasterOf(dataSource);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Cpu(os.getProcessCpuTime(), postgresNanos(postmaster), postmaster);
    }

    private static long postmasterOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long[] backend = postgresStat(Path.of("/proc", Long.toString(rs.getLong(1))));
            return backend == null ? -1 : backend[1];
        } catch (SQLException e) {
            return -1;
        }
    }

    /** What happened since {@code start}, per operation, as "jvm X µs + db Y µs". */
    static String perOperation(Cpu start, long operations) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Cpu end = new Cpu(os.getProcessCpuTime(), postgresNanos(start.postmaster), start.postmaster);
        double jvm = (end.jvmNanos - start.jvmNanos) / 1e3 / operations;
        double db = (end.databaseNanos - start.databaseNanos) / 1e3 / operations;
        return String.format(Locale.ROOT, "cpu/op: jvm %.0f us + db %.0f us", jvm, db);
    }

    private static long postgresNanos(long postmaster) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            java.util.List<long[]> postgres = processes
                    .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(Cpu::postgresStat)
                    .filter(stat -> stat != null)
                    .toList();
            return postgres.stream()
                            .filter(stat -> stat[0] == postmaster || stat[1] == postmaster)
                            .mapToLong(stat -> stat[2])
                            .sum()
                    * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {pid, parent pid, user + system ticks} of a postgres process; null for any other. */
    private static long[] postgresStat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (!stat.substring(open + 1, close).equals("postgres")) {
                return null;
            }
            String[] fields = stat.substring(close + 2).split(" ");
            // after "pid (comm) ": state, ppid, ... utime is the 14th field of the line, stime the 15th
            return new long[] {
                Long.parseLong(stat.substring(0, open).trim()),
                Long.parseLong(fields[1]),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12])
            };
        } catch (IOException | RuntimeException e) {
            return null; // the process ended meanwhile, or no /proc
        }
    }
}
