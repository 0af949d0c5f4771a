package org.anju.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;

/**
 * The prefill benchmark runs end to end at a tiny size and ends with its summary line; a second
 * prefill into the same database is refused, and --query-only measures what is there. No timing
 * is asserted: the figures are the benchmark's to print.
 */
@Timeout(600)
class PrefillIT {

    @Test
    void prefillsRollsUpAndMeasures() {
        try (TestDatabase db = TestDatabases.primary().create()) {
            String[] args = {"--db-url", db.url(), "--devices", "12", "--communities", "3", "--days", "2",
                    "--metrics", "2", "--queries", "5"};
            ByteArrayOutputStream output = new ByteArrayOutputStream();

            int exit = new CommandLine(new Prefill(new PrintStream(output, true, StandardCharsets.UTF_8))).execute(args);

            String printed = output.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("resolution hour");
            String summary = printed.lines().reduce((a, b) -> b).orElseThrow();
            // 12 devices x 2 metrics x 144 readings a day x 2 days
            assertThat(summary).matches("summary prefill_rows=6912 prefill_s=\\d+\\.\\d query_p50_ms=\\d+\\.\\d\\d"
                    + " query_p99_ms=\\d+\\.\\d\\d");

            assertThat(new CommandLine(new Prefill(new PrintStream(new ByteArrayOutputStream()))).execute(args)).isEqualTo(2);
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            String[] queryOnly = {"--db-url", db.url(), "--devices", "12", "--queries", "3", "--query-only"};
            assertThat(new CommandLine(new Prefill(new PrintStream(again, true, StandardCharsets.UTF_8))).execute(queryOnly))
                    .isZero();
            assertThat(again.toString(StandardCharsets.UTF_8)).contains("summary prefill_rows=0 prefill_s=0.0");
        }
    }
}
