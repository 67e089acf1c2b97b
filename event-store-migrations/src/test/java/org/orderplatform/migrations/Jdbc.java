package org.orderplatform.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.orderplatform.embedded.testsupport.FreshDatabase;

/** Plain JDBC for the migration tests: a new connection per call, parameters bound in order. */
final class Jdbc {

    private Jdbc() {}

    static int execute(FreshDatabase db, String sql, Object... parameters) throws SQLException {
        try (Connection connection = db.connect();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** The first column of every row, as text (SQL NULL as null). */
    static List<String> strings(FreshDatabase db, String sql, Object... parameters) throws SQLException {
        try (Connection connection = db.connect();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** Every column of the one row the query returns, as text. */
    static List<String> row(FreshDatabase db, String sql, Object... parameters) throws SQLException {
        try (Connection connection = db.connect();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new AssertionError("no row for " + sql);
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
