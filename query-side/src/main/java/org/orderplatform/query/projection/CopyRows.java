package org.orderplatform.query.projection;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.postgresql.PGConnection;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} in its text format: tab-separated columns,
 * backslash escapes, {@code \N} for null. The fastest way to insert many rows.
 */
public final class CopyRows {

    private final String table;
    private final String columns;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean firstColumn = true;
    private int rows;

    public CopyRows(String table, String columns) {
        this.table = table;
        this.columns = columns;
    }

    public CopyRows text(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    public CopyRows number(long value) {
        separate();
        text.append(value);
        return this;
    }

    public CopyRows bool(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    public CopyRows timestamp(Instant value) {
        return text(timestampText(value));
    }

    public void endRow() {
        text.append('\n');
        firstColumn = true;
        rows++;
    }

    public int rows() {
        return rows;
    }

    /** Sends the rows; nothing when there are none. */
    public void copy(Connection connection) throws SQLException {
        if (rows == 0) {
            return;
        }
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A {@code timestamptz} literal for {@code at}, rounded to PostgreSQL's microseconds the way
     * the JDBC driver rounds an {@code OffsetDateTime} parameter (half up), so a bulk-written value
     * equals a live-written one.
     */
    public static String timestampText(Instant at) {
        return at.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }

    private void separate() {
        if (!firstColumn) {
            text.append('\t');
        }
        firstColumn = false;
    }
}
