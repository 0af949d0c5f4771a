package org.anju.platform.storage.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;

/**
 * The rollups the platform keeps itself, for plain PostgreSQL and the Apache-2 edition.
 * <p>
 * A run takes the marks in one short transaction ({@link RollupSql#LOCK_MARKS}: it waits for
 * transactions that already marked to commit, so their rows are visible to what follows; a
 * transaction that marks later finds the mark gone and writes a new one for the next run). It then
 * folds the marked hours one local day at a time, each day in its own transaction: every marked
 * hour of every marked device is recomputed from the raw rows, and the day holding it is re-derived
 * from the hourly rows. A crash between the two leaves the marks in {@code rollup_pending}.
 */
final class IncrementalRollups implements Rollups {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalRollups.class);
    /** Session advisory lock key ("anjuroll") serializing runs across platform instances. */
    private static final long LOCK_KEY = 0x616e6a75726f6c6cL;
    /** The most (hour, device) pairs folded in one transaction; a busier day takes several. */
    private static final int PAIRS_PER_TRANSACTION = 20_000;
    private static final Duration HOUR = Duration.ofHours(1);

    private final DataSource dataSource;
    private final RollupSql sql;
    private final RollupSettings settings;
    private final Clock clock;

    IncrementalRollups(DataSource dataSource, RollupSql sql, RollupSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public RollupTables tables() {
        return RollupTables.PLATFORM;
    }

    @Override
    public synchronized RollupRun run() {
        Instant now = clock.instant();
        return locked(c -> {
            int taken = takeMarks(c);
            int discarded = update(c, RollupSql.DISCARD_STALE, ts(rawCutoff(now)));
            int pairs = 0;
            int hours = 0;
            for (int[] folded = foldEarliestDay(c, now); folded != null; folded = foldEarliestDay(c, now)) {
                pairs += folded[0];
                hours += folded[1];
            }
            RollupRun run = new RollupRun(taken, discarded, pairs, hours);
            if (pairs > 0 || discarded > 0) {
                LOG.debug("rollups folded [pairs: {}, hours: {}, discarded: {}]", pairs, hours, discarded);
            }
            return run;
        });
    }

    @Override
    public synchronized void rebuild(Instant from, Instant to) {
        Instant now = clock.instant();
        Instant start = later(from.truncatedTo(ChronoUnit.HOURS), ceilHour(rawCutoff(now)));
        Instant end = ceilHour(to);
        if (!start.isBefore(end)) {
            return;
        }
        locked(c -> {
            for (Day day = Day.of(start, settings.dayZone()); day.start().isBefore(end); day = day.next()) {
                Day current = day;
                inTransaction(c, () -> {
                    foldHours(c, later(start, current.start()), earlier(end, current.end()), null);
                    deriveDay(c, current, null, now);
                });
            }
            return null;
        });
    }

    /** Moves the marks ingest wrote into the job's own list; returns how many. */
    private int takeMarks(Connection c) throws SQLException {
        int[] moved = new int[1];
        inTransaction(c, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(RollupSql.LOCK_TIMEOUT);
                s.execute(RollupSql.LOCK_MARKS);
                s.execute(RollupSql.BUMP_EPOCH);
                moved[0] = s.executeUpdate(RollupSql.MOVE_MARKS);
            }
        });
        return moved[0];
    }

    /** Folds (part of) the earliest day with pending marks; returns {pairs, hours}, or null when none are left. */
    private int[] foldEarliestDay(Connection c, Instant now) throws SQLException {
        Instant earliest;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(RollupSql.EARLIEST_PENDING)) {
            rs.next();
            Timestamp min = rs.getTimestamp(1);
            if (min == null) {
                return null;
            }
            earliest = min.toInstant();
        }
        Day day = Day.of(earliest, settings.dayZone());
        Map<Instant, List<String>> devicesByHour = pending(c, day);
        TreeSet<String> devices = new TreeSet<>();
        devicesByHour.values().forEach(devices::addAll);
        int[] pairs = {0};
        inTransaction(c, () -> {
            for (Map.Entry<Instant, List<String>> hour : devicesByHour.entrySet()) {
                foldHours(c, hour.getKey(), hour.getKey().plus(HOUR), hour.getValue().toArray(String[]::new));
                pairs[0] += hour.getValue().size();
            }
            deriveDay(c, day, devices.toArray(String[]::new), now);
            forget(c, devicesByHour);
        });
        return new int[] {pairs[0], devicesByHour.size()};
    }

    private Map<Instant, List<String>> pending(Connection c, Day day) throws SQLException {
        Map<Instant, List<String>> devicesByHour = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(RollupSql.PENDING_IN)) {
            ps.setTimestamp(1, ts(day.start()));
            ps.setTimestamp(2, ts(day.end()));
            ps.setInt(3, PAIRS_PER_TRANSACTION);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devicesByHour.computeIfAbsent(rs.getTimestamp(1).toInstant(), h -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        return devicesByHour;
    }

    private void forget(Connection c, Map<Instant, List<String>> devicesByHour) throws SQLException {
        List<Long> hours = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        devicesByHour.forEach((hour, ids) -> ids.forEach(id -> {
            hours.add(hour.getEpochSecond());
            devices.add(id);
        }));
        try (PreparedStatement ps = c.prepareStatement(RollupSql.FORGET_PENDING)) {
            ps.setArray(1, c.createArrayOf("bigint", hours.toArray()));
            ps.setArray(2, c.createArrayOf("text", devices.toArray()));
            ps.executeUpdate();
        }
    }

    /** Recomputes the hourly rows of [from, to) from raw telemetry, for the devices given or (null) all. */
    private void foldHours(Connection c, Instant from, Instant to, String[] devices) throws SQLException {
        replace(c, sql.deleteHourly(devices != null), sql.insertHourly(devices != null), null, from, to, devices);
    }

    /** Re-derives a day's daily rows from its hourly rows, unless hourly retention may have thinned that day. */
    private void deriveDay(Connection c, Day day, String[] devices, Instant now) throws SQLException {
        if (day.start().isBefore(now.minus(settings.hourlyKeptFor()))) {
            return;
        }
        replace(c, sql.deleteDaily(devices != null), sql.insertDaily(devices != null), settings.dayZone().getId(),
                day.start(), day.end(), devices);
    }

    private static void replace(Connection c, String delete, String insert, String zone, Instant from, Instant to,
            String[] devices) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(delete); PreparedStatement ins = c.prepareStatement(insert)) {
            bindRange(c, del, 1, from, to, devices);
            del.executeUpdate();
            int next = 1;
            if (zone != null) {
                ins.setString(next++, zone);
            }
            bindRange(c, ins, next, from, to, devices);
            ins.executeUpdate();
        }
    }

    private static void bindRange(Connection c, PreparedStatement ps, int first, Instant from, Instant to,
            String[] devices) throws SQLException {
        ps.setTimestamp(first, ts(from));
        ps.setTimestamp(first + 1, ts(to));
        if (devices != null) {
            ps.setArray(first + 2, c.createArrayOf("text", devices));
        }
    }

    private Instant rawCutoff(Instant now) {
        return now.minus(settings.rawKeptFor());
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private interface SqlStep {
        void run() throws SQLException;
    }

    /** Runs the work holding the cluster-wide rollup lock. */
    private <T> T locked(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            advisory(c, RollupSql.ADVISORY_LOCK);
            try {
                return work.run(c);
            } finally {
                c.setAutoCommit(true);
                advisory(c, RollupSql.ADVISORY_UNLOCK);
            }
        } catch (SQLException e) {
            throw ServerError.unavailable("rollup failed: " + e.getMessage(), e);
        }
    }

    private static void inTransaction(Connection c, SqlStep step) throws SQLException {
        c.setAutoCommit(false);
        try {
            step.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void advisory(Connection c, String statement) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setLong(1, LOCK_KEY);
            ps.executeQuery().close();
        }
    }

    private static int update(Connection c, String statement, Object parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setObject(1, parameter);
            return ps.executeUpdate();
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant ceilHour(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plus(HOUR);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
