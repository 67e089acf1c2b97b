package org.orderplatform.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark command from rotting: every row runs end to end at tiny sizes and yields
 * figures. The figures themselves are not judged here (a test never asserts a time); the full run
 * and its table are in docs/performance.md.
 */
class BenchmarksSmokeIT {

    @Test
    void everyTargetRowRunsAndYieldsFigures() {
        Table table = AllBenchmarks.run("--smoke");

        List<Row> rows = table.rows();
        assertThat(rows)
                .extracting(Row::id)
                .containsAll(List.of("R1", "R2", "R3a", "R3b", "R4", "P1", "R6", "R5", "L1", "S1", "M1", "G1", "F1"));
        assertThat(rows.stream().filter(row -> row.id().equals("R5"))).hasSize(2);
        assertThat(rows.stream().filter(row -> row.id().equals("R4"))).hasSize(3);
        assertThat(rows)
                .as("rows that failed to run")
                .allSatisfy(row -> assertThat(row.holds())
                        .as(row.id() + " " + row.baseline())
                        .isNotNull());
        assertThat(table.markdown()).startsWith("| id | what | platform | baseline | ratio | target | holds |");
    }
}
