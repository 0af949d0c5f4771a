package org.anju.bench.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.anju.platform.storage.series.BinaryCopy;

/**
 * Synthetic daily rollups with wear and drift for the maintenance benchmark, written by binary
 * {@code COPY} straight into {@code telemetry_daily} (the forecast pass reads nothing else), and
 * elevator door-fault events for the last eight weeks into {@code device_events}.
 */
final class MaintenanceHistory {

    private static final String COPY_DAILY = "COPY telemetry_daily (bucket, device_id, metric, hours, count, min, max, sum,"
            + " last_value, last_ts) FROM STDIN (FORMAT BINARY)";
    private static final String COPY_EVENTS = "COPY device_events (ts, device_id, kind, payload) FROM STDIN (FORMAT BINARY)";
    private static final int DEVICES_PER_COPY = 500;
    private static final int READINGS_PER_DAY = 24;
    private static final double DISK_BYTES = 2e12;

    /** What was loaded. */
    record Loaded(long dailyRows, long events) {
    }

    private final BenchFleet fleet;
    private final LocalDate today;
    private final int days;
    private final ZoneId zone;

    MaintenanceHistory(BenchFleet fleet, LocalDate today, int days, ZoneId zone) {
        this.fleet = fleet;
        this.today = today;
        this.days = days;
        this.zone = zone;
    }

    Loaded load(DataSource dataSource) throws SQLException {
        long rows = 0;
        long events = 0;
        try (Connection c = dataSource.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < fleet.devices(); from += DEVICES_PER_COPY) {
                BinaryCopy daily = new BinaryCopy(DEVICES_PER_COPY * days * 2);
                BinaryCopy faults = new BinaryCopy(1_000);
                for (int d = from; d < Math.min(fleet.devices(), from + DEVICES_PER_COPY); d++) {
                    device(d, daily, faults);
                }
                rows += daily.rows();
                events += faults.rows();
                daily.copyInto(copy, COPY_DAILY);
                faults.copyInto(copy, COPY_EVENTS);
            }
        }
        return new Loaded(rows, events);
    }

    private void device(int d, BinaryCopy daily, BinaryCopy faults) {
        SplittableRandom random = new SplittableRandom(d);
        String id = fleet.deviceId(d);
        switch (fleet.type(d)) {
            case "smoke_detector" -> {
                series(daily, id, "battery", 40 + 60 * random.nextDouble(), -0.02 - 0.3 * random.nextDouble(), 0.5, random);
                series(daily, id, "smokeConcentration", 0.01 + 0.02 * random.nextDouble(), 0.004 * random.nextDouble(), 0.005,
                        random);
            }
            case "camera" -> {
                series(daily, id, "storageTotalBytes", DISK_BYTES, 0, 0, random);
                series(daily, id, "storageUsedBytes", DISK_BYTES * (0.3 + 0.4 * random.nextDouble()),
                        DISK_BYTES * 0.005 * random.nextDouble(), DISK_BYTES * 0.002, random);
            }
            case "ev_charger" -> {
                for (int connector = 1; connector <= 2; connector++) {
                    series(daily, id, "connector." + connector + ".Temperature", 35 + 15 * random.nextDouble(),
                            0.1 * random.nextDouble(), 2, random);
                }
            }
            case "elevator" -> {
                double tripsPerDay = 200 + 800 * random.nextDouble();
                series(daily, id, "trips", 100_000 * random.nextDouble(), tripsPerDay, tripsPerDay * 0.1, random);
                series(daily, id, "doorCycles", 200_000 * random.nextDouble(), 2 * tripsPerDay, tripsPerDay * 0.2, random);
                series(daily, id, "runHours", 10_000 * random.nextDouble(), 6 + 6 * random.nextDouble(), 1, random);
                if (d / 6 % 5 == 0) {
                    doorFaults(faults, id, random);
                }
            }
            default -> series(daily, id, "fault", 0, 0, 0, random);
        }
    }

    /** A day's rows for {@code level + slope * day} with noise; a cumulative counter when noise is below the slope. */
    private void series(BinaryCopy daily, String id, String metric, double level, double slope, double noise,
            SplittableRandom random) {
        LocalDate first = today.minusDays(days);
        for (int day = 0; day < days; day++) {
            Instant bucket = first.plusDays(day).atStartOfDay(zone).toInstant();
            double mean = level + slope * day + noise * (random.nextDouble() * 2 - 1);
            double spread = Math.abs(noise) * random.nextDouble();
            daily.startRow(10).timestamptz(bucket).text(id).text(metric).int4(READINGS_PER_DAY).int8(READINGS_PER_DAY)
                    .float8(mean - spread).float8(mean + spread).float8(mean * READINGS_PER_DAY).float8(mean)
                    .timestamptz(bucket.plus(Duration.ofHours(23)));
        }
    }

    /** Door faults over the last eight weeks, about one more each week. */
    private void doorFaults(BinaryCopy faults, String id, SplittableRandom random) {
        for (int week = 0; week < 8; week++) {
            int count = Math.max(0, week - 2 + random.nextInt(2));
            for (int k = 0; k < count; k++) {
                Instant at = today.minusWeeks(8 - week).plusDays(k % 7).atTime(8 + k, 0).atZone(zone).toInstant();
                faults.startRow(4).timestamptz(at).text(id).text("fault").jsonb("{\"code\": \"03\"}");
            }
        }
    }
}
