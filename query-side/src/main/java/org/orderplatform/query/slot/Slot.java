package org.orderplatform.query.slot;

/** One of a read model's two physical table sets. */
public enum Slot {
    A("a"),
    B("b");

    private final String suffix;

    Slot(String suffix) {
        this.suffix = suffix;
    }

    /** The table of this slot: {@code order_summary} becomes {@code order_summary_a}. */
    public String table(String baseName) {
        return baseName + "_" + suffix;
    }

    public String code() {
        return suffix;
    }

    public Slot other() {
        return this == A ? B : A;
    }

    static Slot of(String code) {
        return switch (code) {
            case "a" -> A;
            case "b" -> B;
            default -> throw new IllegalArgumentException("No slot " + code);
        };
    }
}
