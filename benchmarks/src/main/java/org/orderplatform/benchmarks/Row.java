package org.orderplatform.benchmarks;

import java.util.Locale;

/**
 * One line of the table: what was measured on the platform and on its baseline in the same run,
 * their ratio (platform / baseline for rates; for a latency row, the figure itself), the target
 * and whether it holds.
 *
 * @param holds null when the row could not be measured
 */
record Row(String id, String what, String platform, String baseline, String ratio, String target, Boolean holds) {

    /** A rate row: higher is better; holds when platform / baseline reaches {@code target}. */
    static Row rate(String id, String what, double platform, double baseline, String unit, double target) {
        double ratio = baseline > 0 ? platform / baseline : 0;
        return new Row(
                id,
                what,
                format(platform) + " " + unit,
                format(baseline) + " " + unit,
                String.format(Locale.ROOT, "%.3fx", ratio),
                String.format(Locale.ROOT, ">= %sx", plain(target)),
                ratio >= target);
    }

    /** A row that did not run: the error in place of figures. */
    static Row failed(String id, String what, Throwable error) {
        String message = error.getClass().getSimpleName() + ": " + String.valueOf(error.getMessage());
        return new Row(id, what, "error", message.length() > 60 ? message.substring(0, 60) : message, "-", "-", null);
    }

    static String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    String holdsText() {
        return holds == null ? "n/a" : holds ? "yes" : "NO";
    }
}
