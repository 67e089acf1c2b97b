package org.orderplatform.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's table: one row per target, printed as a Markdown table (docs/performance.md keeps the last). */
final class Table {

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
        System.out.printf(
                Locale.ROOT,
                "  %-4s %-60s %s vs %s = %s (%s: %s)%n",
                row.id(),
                row.what(),
                row.platform(),
                row.baseline(),
                row.ratio(),
                row.target(),
                row.holdsText());
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| id | what | platform | baseline | ratio | target | holds |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ")
                    .append(String.join(
                            " | ",
                            row.id(),
                            row.what(),
                            row.platform(),
                            row.baseline(),
                            row.ratio(),
                            row.target(),
                            row.holdsText()))
                    .append(" |\n");
        }
        return out.toString();
    }
}
