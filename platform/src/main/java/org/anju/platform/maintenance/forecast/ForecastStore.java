package org.anju.platform.maintenance.forecast;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.anju.platform.storage.UnitOfWork;

/** The SQL of {@code maintenance_forecasts}, which the maintenance package owns. */
final class ForecastStore {

    private static final String DUE_KEYS = """
            SELECT device_id, subject, metric FROM maintenance_forecasts WHERE outcome = 'due'""";
    private static final String UPSERT = """
            INSERT INTO maintenance_forecasts (device_id, subject, metric, outcome, computed_at, raised_at, points,
                   first_day, last_day, slope_per_day, slope_low, slope_high, level, limit_value, rising, confidence,
                   expected_on, earliest_on, latest_on, due_in_days)
            VALUES (?, ?, ?, ?, ?, CASE WHEN ? = 'due' THEN ?::timestamptz END, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id, subject, metric) DO UPDATE SET
                   raised_at = CASE WHEN excluded.outcome <> 'due' THEN NULL
                                    WHEN maintenance_forecasts.outcome = 'due' THEN maintenance_forecasts.raised_at
                                    ELSE excluded.computed_at END,
                   outcome = excluded.outcome, computed_at = excluded.computed_at, points = excluded.points,
                   first_day = excluded.first_day, last_day = excluded.last_day,
                   slope_per_day = excluded.slope_per_day, slope_low = excluded.slope_low,
                   slope_high = excluded.slope_high, level = excluded.level, limit_value = excluded.limit_value,
                   rising = excluded.rising, confidence = excluded.confidence, expected_on = excluded.expected_on,
                   earliest_on = excluded.earliest_on, latest_on = excluded.latest_on,
                   due_in_days = excluded.due_in_days""";
    private static final String REMOVE_STALE = "DELETE FROM maintenance_forecasts WHERE computed_at < ?";

    private ForecastStore() {
    }

    /** A forecast's identity. */
    record Key(String deviceId, String subject, String metric) {
        static Key of(DeviceForecast f) {
            return new Key(f.deviceId(), f.subject().wireName(), f.metric());
        }
    }

    /** Returns the forecasts currently due. */
    static Set<Key> dueKeys(UnitOfWork.Tx tx) throws SQLException {
        return new HashSet<>(tx.query(DUE_KEYS, rs -> new Key(rs.getString(1), rs.getString(2), rs.getString(3))));
    }

    /** Writes the pass's forecasts, then removes every row the pass did not write. */
    static void replace(UnitOfWork.Tx tx, List<DeviceForecast> forecasts, Instant computedAt) throws SQLException {
        tx.batch(UPSERT, forecasts, f -> {
            Forecast fc = f.forecast();
            Trend t = fc.trend();
            String outcome = fc.outcome().name().toLowerCase(Locale.ROOT);
            return new Object[] {f.deviceId(), f.subject().wireName(), f.metric(), outcome, computedAt, outcome, computedAt,
                t.points(), day(t.firstX()), day(t.lastX()), t.slope(), t.slopeLow(), t.slopeHigh(), t.levelAtLast(),
                fc.limit().value(), fc.limit().rising(), t.confidence(), fc.expected(), fc.earliest(), fc.latest(),
                fc.dueInDays()};
        });
        tx.update(REMOVE_STALE, computedAt);
    }

    private static LocalDate day(double epochDay) {
        return LocalDate.ofEpochDay((long) epochDay);
    }
}
