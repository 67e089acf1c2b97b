package org.orderplatform.embedded.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orderplatform.embedded.EmbeddedPostgresServer;
import org.springframework.util.FileSystemUtils;

/**
 * An empty PostgreSQL database for one test class or suite. With {@code ORDERS_TEST_DB_URL} set
 * (and {@code ORDERS_TEST_DB_USER} / {@code ORDERS_TEST_DB_PASSWORD}) a new database is created on
 * that server and dropped afterwards; otherwise a new embedded server is started in a temporary
 * directory that is deleted afterwards. Never shared, never left over.
 */
public final class FreshDatabase implements AutoCloseable {

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

    private final String url;
    private final String user;
    private final String password;
    private final AutoCloseable cleanup;

    private FreshDatabase(String url, String user, String password, AutoCloseable cleanup) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.cleanup = cleanup;
    }

    public static FreshDatabase create() {
        String external = System.getenv("ORDERS_TEST_DB_URL");
        return external == null || external.isBlank() ? embedded() : onServer(external);
    }

    /** True when tests run against an external server rather than the embedded one. */
    public static boolean external() {
        String external = System.getenv("ORDERS_TEST_DB_URL");
        return external != null && !external.isBlank();
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws Exception {
        cleanup.close();
    }

    private static FreshDatabase embedded() {
        try {
            Path dir = Files.createTempDirectory("orders-test-pg-");
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, false, true);
            return new FreshDatabase(server.jdbcUrl(), EmbeddedPostgresServer.USER, null, () -> {
                server.close();
                FileSystemUtils.deleteRecursively(dir);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FreshDatabase onServer(String serverUrl) {
        Matcher matcher = JDBC_URL.matcher(serverUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("ORDERS_TEST_DB_URL must look like jdbc:postgresql://host:port/db");
        }
        String user = System.getenv("ORDERS_TEST_DB_USER");
        String password = System.getenv("ORDERS_TEST_DB_PASSWORD");
        String name = "orders_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(serverUrl, user, password, "CREATE DATABASE " + name);
        String url = matcher.group(1) + name + matcher.group(3);
        return new FreshDatabase(
                url,
                user,
                password,
                () -> execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + url, e);
        }
    }
}
