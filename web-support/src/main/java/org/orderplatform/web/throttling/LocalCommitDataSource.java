package org.orderplatform.web.throttling;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The database for the throttle's buckets, whose transactions commit without waiting for
 * synchronous standbys ({@code SET LOCAL synchronous_commit = local}): a bucket's tokens are not
 * worth a replication quorum, and a request, a read among them, must not wait for one. Only the
 * transaction that asked is affected: the pooled connection keeps its own setting.
 */
final class LocalCommitDataSource extends DelegatingDataSource {

    LocalCommitDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return localCommits(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return localCommits(super.getConnection(username, password));
    }

    private static Connection localCommits(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                Object result = method.invoke(connection, args);
                // the transaction starts with the next statement: this one, local to it
                if (method.getName().equals("setAutoCommit") && Boolean.FALSE.equals(args[0])) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SET LOCAL synchronous_commit = local");
                    }
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(
                LocalCommitDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }
}
