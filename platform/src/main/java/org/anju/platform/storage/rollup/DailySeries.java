package org.anju.platform.storage.rollup;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads the daily rollups as one series per device and metric, for passes over the whole fleet
 * (the maintenance forecasts): rows are streamed in (device, metric, day) order and each series is
 * handed over whole, in arrays the reader reuses for the next series.
 */
public final class DailySeries {

    /** Rows per round trip: large enough that 10,000 devices × 180 days cost few round trips. */
    private static final int FETCH_SIZE = 20_000;

    private static final String SQL = """
            SELECT device_id, metric, ((bucket AT TIME ZONE ?)::date - DATE '1970-01-01') AS day,
                   min, max, sum / nullif(count, 0), last_value
              FROM telemetry_daily
             WHERE bucket >= ? AND bucket < ? AND metric LIKE ANY (?)
             ORDER BY device_id, metric, bucket""";

    /** Takes one series; the arrays are only valid during the call. */
    @FunctionalInterface
    public interface Visitor {
        void series(String deviceId, String metric, Days days);
    }

    /**
     * The days of one series, the first {@code n} entries of each array valid, days increasing.
     * {@code mean} is NaN for a day without points.
     */
    public static final class Days {
        private double[] epochDay = new double[256];
        private double[] min = new double[256];
        private double[] max = new double[256];
        private double[] mean = new double[256];
        private double[] last = new double[256];
        private int n;

        /** Returns how many days the series has. */
        public int n() {
            return n;
        }

        /** Returns each day as {@link LocalDate#toEpochDay()}, in the rollups' day zone. */
        public double[] epochDay() {
            return epochDay;
        }

        /** Returns each day's lowest value. */
        public double[] min() {
            return min;
        }

        /** Returns each day's highest value. */
        public double[] max() {
            return max;
        }

        /** Returns each day's mean value. */
        public double[] mean() {
            return mean;
        }

        /** Returns each day's last value. */
        public double[] last() {
            return last;
        }

        private void add(double day, double lo, double hi, double avg, double lastValue) {
            if (n == epochDay.length) {
                int size = n * 2;
                epochDay = Arrays.copyOf(epochDay, size);
                min = Arrays.copyOf(min, size);
                max = Arrays.copyOf(max, size);
                mean = Arrays.copyOf(mean, size);
                last = Arrays.copyOf(last, size);
            }
            epochDay[n] = day;
            min[n] = lo;
            max[n] = hi;
            mean[n] = avg;
            last[n++] = lastValue;
        }
    }

    private DailySeries() {
    }

    /**
     * Hands every series of the metrics matching one of {@code metricPatterns} (SQL {@code LIKE}
     * patterns, e.g. {@code connector.%.Temperature}) over the local days {@code [from, to)} to
     * {@code visitor}; returns the number of daily rows read. Runs in the caller's transaction.
     */
    public static long forEach(UnitOfWork.Tx tx, List<String> metricPatterns, LocalDate from, LocalDate to, ZoneId dayZone,
            Visitor visitor) throws SQLException {
        Days days = new Days();
        String[] current = {null, null};
        long[] rows = {0};
        Sql.forEach(tx.connection(), SQL, FETCH_SIZE, rs -> {
            String device = rs.getString(1);
            String metric = rs.getString(2);
            if (!device.equals(current[0]) || !metric.equals(current[1])) {
                if (current[0] != null) {
                    visitor.series(current[0], current[1], days);
                }
                current[0] = device;
                current[1] = metric;
                days.n = 0;
            }
            double mean = rs.getDouble(6);
            days.add(rs.getInt(3), rs.getDouble(4), rs.getDouble(5), rs.wasNull() ? Double.NaN : mean, rs.getDouble(7));
            rows[0]++;
        }, dayZone.getId(), from.atStartOfDay(dayZone).toInstant(), to.atStartOfDay(dayZone).toInstant(),
                metricPatterns.toArray(String[]::new));
        if (current[0] != null) {
            visitor.series(current[0], current[1], days);
        }
        return rows[0];
    }
}
