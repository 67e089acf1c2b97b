package org.orderplatform.api.order;

/**
 * The bounds of a valid order, in one place: the REST layer validates against them so that bad
 * input never reaches the aggregate, and the aggregate enforces them again as invariants.
 */
public final class OrderLimits {

    public static final int MAX_LINES = 100;
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 999;
    /** 10 million major units: with at most 100 lines of 999 items the total stays far from overflow. */
    public static final long MAX_UNIT_PRICE_MINOR = 1_000_000_000L;

    public static final int MAX_ID_LENGTH = 64;
    /** Letters, digits and {@code . _ : -}; used for customer ids and SKUs. */
    public static final String ID_PATTERN = "[A-Za-z0-9._:-]+";

    public static final int MAX_COMMENT_LENGTH = 500;

    private OrderLimits() {}
}
