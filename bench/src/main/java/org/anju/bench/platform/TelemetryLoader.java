package org.anju.bench.platform;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.anju.platform.ingest.BinaryCopy;

/**
 * Loads synthetic history with binary {@code COPY}, as ingest writes: a day at a time, rows in
 * time order within the day (as devices would send them), one transaction per
 * {@value #ROWS_PER_COPY} rows, days spread over a few writer connections.
 */
final class TelemetryLoader {

    private static final String COPY = "COPY telemetry (ts, device_id, metric, value) FROM STDIN (FORMAT BINARY)";
    private static final int ROWS_PER_COPY = 250_000;
    private static final Duration DAY = Duration.ofDays(1);

    private final DataSource dataSource;
    private final BenchFleet fleet;
    private final Duration interval;
    private final int writers;
    private final PrintStream out;

    TelemetryLoader(DataSource dataSource, BenchFleet fleet, Duration interval, int writers, PrintStream out) {
        this.dataSource = dataSource;
        this.fleet = fleet;
        this.interval = interval;
        this.writers = writers;
        this.out = out;
    }

    /** Loads {@code [from, to)} and returns the number of rows written. */
    long load(Instant from, Instant to) throws Exception {
        AtomicLong rows = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> days = new ArrayList<>();
            for (Instant day = from; day.isBefore(to); day = day.plus(DAY)) {
                Instant start = day;
                Instant end = day.plus(DAY).isBefore(to) ? day.plus(DAY) : to;
                days.add(pool.submit(() -> {
                    long started = System.nanoTime();
                    long written = loadRange(start, end);
                    rows.addAndGet(written);
                    out.printf("loaded %s: %,d rows in %.1f s%n", start, written, (System.nanoTime() - started) / 1e9);
                    return null;
                }));
            }
            for (Future<?> day : days) {
                day.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return rows.get();
    }

    private long loadRange(Instant start, Instant end) throws SQLException {
        List<String> metrics = fleet.metrics();
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            BinaryCopy rows = new BinaryCopy(ROWS_PER_COPY);
            for (Instant ts = start; ts.isBefore(end); ts = ts.plus(interval)) {
                for (int d = 0; d < fleet.devices(); d++) {
                    String device = fleet.deviceId(d);
                    for (int m = 0; m < metrics.size(); m++) {
                        rows.startRow(4).timestamptz(ts).text(device).text(metrics.get(m)).float8(value(ts, d, m));
                    }
                }
                if (rows.rows() >= ROWS_PER_COPY) {
                    total += rows.rows();
                    rows.copyInto(copy, COPY);
                    rows = new BinaryCopy(ROWS_PER_COPY);
                }
            }
            total += rows.rows();
            rows.copyInto(copy, COPY);
        }
        return total;
    }

    /** A daily cycle with a per-device phase, plus a little deterministic noise. */
    private static double value(Instant ts, int device, int metric) {
        double dayFraction = (ts.getEpochSecond() % 86_400) / 86_400.0;
        double noise = ((ts.getEpochSecond() / 60 * 31 + device * 17L + metric * 7L) % 100) / 100.0;
        return Math.round((20 + metric * 10 + 5 * Math.sin(2 * Math.PI * dayFraction + device) + noise) * 100) / 100.0;
    }
}
