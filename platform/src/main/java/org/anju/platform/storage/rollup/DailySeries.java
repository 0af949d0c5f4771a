package org.anju.platform.storage.rollup;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads the daily rollups as one series per device and metric, for passes over the whole fleet
 * (the maintenance forecasts). The database packs each series into one row (days and values as
 * binary arrays), so 10,000 devices × 180 days cost some 10,000 rows on the wire instead of
 * 1.8 million; each series is handed over whole, days increasing.
 */
public final class DailySeries {

    /** 2000-01-01T00:00Z, PostgreSQL's epoch, in Unix seconds. */
    private static final long PG_EPOCH_SECOND = 946_684_800L;

    /** Series per round trip. */
    private static final int FETCH_SIZE = 1_000;

    private static final String SQL = """
            SELECT device_id, metric,
                   string_agg(timestamptz_send(bucket), ''::bytea),
                   string_agg(float8send(coalesce(CASE %s END, 'NaN')), ''::bytea)
              FROM telemetry_daily
             WHERE bucket >= ? AND bucket < ? AND metric LIKE ANY (?)
             GROUP BY device_id, metric
             ORDER BY device_id, metric""";

    /** Which of a day's figures a series is made of. */
    public enum Daily {
        /** The day's lowest value. */
        MIN("min"),
        /** The day's highest value. */
        MAX("max"),
        /** The day's mean value (NaN for a day without points). */
        MEAN("sum / nullif(count, 0)"),
        /** The day's last value. */
        LAST("last_value");

        private final String column;

        Daily(String column) {
            this.column = column;
        }
    }

    /**
     * The series to read: metrics matching {@code metricPattern} (an SQL {@code LIKE} pattern such as
     * {@code connector.%.Temperature}), each day's {@code value}. The first matching pick wins.
     */
    public record Pick(String metricPattern, Daily value) {
    }

    /** Takes one series; the arrays are only valid during the call, their first {@code n} entries set. */
    @FunctionalInterface
    public interface Visitor {
        void series(String deviceId, String metric, double[] epochDays, double[] values, int n);
    }

    private DailySeries() {
    }

    /**
     * Hands every series of the picked metrics over the local days {@code [from, to)} to
     * {@code visitor}, in (device, metric) order, each series' days increasing; returns the number of
     * daily rows read. Runs in the caller's transaction.
     */
    public static long forEach(UnitOfWork.Tx tx, List<Pick> picks, LocalDate from, LocalDate to, ZoneId dayZone,
            Visitor visitor) throws SQLException {
        StringJoiner cases = new StringJoiner(" ");
        List<Object> parameters = new ArrayList<>();
        for (Pick pick : picks) {
            // the column comes from the enum, never from the caller's text
            cases.add("WHEN metric LIKE ? THEN " + pick.value().column);
            parameters.add(pick.metricPattern());
        }
        parameters.add(from.atStartOfDay(dayZone).toInstant());
        parameters.add(to.atStartOfDay(dayZone).toInstant());
        parameters.add(picks.stream().map(Pick::metricPattern).toArray(String[]::new));
        // a NULL value would be left out of its array and shift every later day (a mean of no points is NULL): NaN keeps the place
        ZoneRules rules = dayZone.getRules();
        double[][] buffers = {new double[256], new double[256]};
        long[] rows = {0};
        Sql.forEach(tx.connection(), SQL.formatted(cases), FETCH_SIZE, rs -> {
            ByteBuffer days = ByteBuffer.wrap(rs.getBytes(3));
            ByteBuffer values = ByteBuffer.wrap(rs.getBytes(4));
            int n = days.remaining() / Long.BYTES;
            if (buffers[0].length < n) {
                buffers[0] = new double[n];
                buffers[1] = new double[n];
            }
            double[] x = buffers[0];
            double[] y = buffers[1];
            for (int i = 0; i < n; i++) {
                x[i] = localEpochDay(days.getLong(), rules);
                y[i] = values.getDouble();
            }
            sortByDay(x, y, n);
            rows[0] += n;
            visitor.series(rs.getString(1), rs.getString(2), x, y, n);
        }, parameters.toArray());
        return rows[0];
    }

    /**
     * The local day of a bucket sent as PostgreSQL's binary timestamptz (microseconds since
     * 2000-01-01 UTC). The database only copies the bucket: converting 1.8 M of them to local dates
     * there (AT TIME ZONE) took some 2 of a pass's 9 s of SQL on the benchmark.
     */
    static long localEpochDay(long pgMicros, ZoneRules rules) {
        long epochSecond = Math.floorDiv(pgMicros, 1_000_000L) + PG_EPOCH_SECOND;
        int offset = rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        return Math.floorDiv(epochSecond + offset, 86_400L);
    }

    /** Insertion sort: the rows of a series come mostly in day order already (linear then). */
    private static void sortByDay(double[] x, double[] y, int n) {
        for (int i = 1; i < n; i++) {
            double xi = x[i];
            double yi = y[i];
            int j = i - 1;
            while (j >= 0 && x[j] > xi) {
                x[j + 1] = x[j];
                y[j + 1] = y[j];
                j--;
            }
            x[j + 1] = xi;
            y[j + 1] = yi;
        }
    }
}
