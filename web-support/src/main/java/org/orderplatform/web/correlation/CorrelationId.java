package org.orderplatform.web.correlation;

import java.util.UUID;
import java.util.regex.Pattern;

/** The correlation id's header, MDC key and rules. */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    /** The log MDC key, also the Axon metadata key. */
    public static final String KEY = "correlationId";

    // Safe in headers, log lines and metadata: no spaces, quotes or control characters.
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

    private CorrelationId() {}

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }
}
