package org.orderplatform.query.orders;

import java.time.Instant;

/**
 * The instants a query may compare with the read models' {@code timestamptz} columns. Java parses
 * years up to ±1,000,000,000; PostgreSQL stores 4713 BC to 294276 AD and refuses the rest with an
 * error, so a filter or cursor beyond that must be refused before it reaches SQL. Four-digit
 * years are what ISO-8601 instants normally carry, and span every order this platform can hold.
 */
final class Timestamps {

    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Timestamps() {}

    static boolean storable(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }
}
