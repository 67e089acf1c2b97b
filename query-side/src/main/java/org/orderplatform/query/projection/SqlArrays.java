package org.orderplatform.query.projection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Array parameters for set-based statements ({@code UPDATE ... FROM unnest(?::text[], ...)}). */
public final class SqlArrays {

    private SqlArrays() {}

    public static Array text(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }

    public static Array bigint(Connection connection, List<Long> values) throws SQLException {
        return connection.createArrayOf("int8", values.toArray(Long[]::new));
    }
}
