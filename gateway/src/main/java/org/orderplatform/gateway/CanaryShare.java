package org.orderplatform.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Which track a client goes to. A client is its API key (or its address without one), hashed to
 * one of 10,000 buckets; the buckets below the share go to canary. The same client therefore
 * stays on one track while the share stays put, and a growing share only moves clients from
 * stable to canary, never back and forth. {@code X-Canary: always|never} overrides it, for testers.
 */
final class CanaryShare {

    static final String OVERRIDE = "X-Canary";
    private static final int BUCKETS = 10_000;

    // in basis points (1/100 %), so a share like 2.5 % is exact
    private final AtomicLong basisPoints;

    CanaryShare(double percent) {
        this.basisPoints = new AtomicLong(toBasisPoints(percent));
    }

    double percent() {
        return basisPoints.get() / 100.0;
    }

    void set(double percent) {
        basisPoints.set(toBasisPoints(percent));
    }

    /** Whether this client goes to canary, given its identity and its override header. */
    boolean canary(String client, String override) {
        if (override != null) {
            String value = override.trim().toLowerCase(Locale.ROOT);
            if (value.equals("always")) {
                return true;
            }
            if (value.equals("never")) {
                return false;
            }
        }
        return bucket(client) < basisPoints.get();
    }

    static int bucket(String client) {
        CRC32 crc = new CRC32();
        crc.update(client.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % BUCKETS);
    }

    private static long toBasisPoints(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("A canary share is a percentage from 0 to 100");
        }
        return Math.round(percent * 100);
    }
}
