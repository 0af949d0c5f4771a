package org.anju.platform.storage.rollup;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * The rollups the platform keeps itself, for plain PostgreSQL and the Apache-2 edition.
 * <p>
 * A run takes the marks in one short transaction ({@link RollupSql#LOCK_MARKS}: it waits for
 * transactions that already marked to commit, so their rows are visible to what follows; a
 * transaction that marks later finds the mark gone and writes a new one for the next run). It then
 * folds the marked hours one local day at a time, each day in its own transaction: every marked
 * hour of every marked device is recomputed from the raw rows, and the day holding it is re-derived
 * from the hourly rows. A crash between the two leaves the marks in {@code rollup_pending}.
 * <p>
 * Every step's transaction first takes one advisory lock, so that steps of several platform
 * instances on one database run one after the other; each step is whole in itself (it finds what
 * is pending in its own transaction), so steps of two runs may interleave.
 */
final class IncrementalRollups implements Rollups {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalRollups.class);
    private static final String WHAT = "rollups";
    /** Transaction advisory lock key ("anjuroll") serializing the steps of every platform instance. */
    private static final long LOCK_KEY = 0x616e6a75726f6c6cL;
    /** The most (hour, device) pairs folded in one transaction; a busier day takes several. */
    private static final int PAIRS_PER_TRANSACTION = 20_000;
    private static final Duration HOUR = Duration.ofHours(1);

    /** What one fold did. */
    private record Folded(int pairs, int hours) {
    }

    private final UnitOfWork work;
    private final RollupSql sql;
    private final RollupSettings settings;
    private final Clock clock;

    IncrementalRollups(UnitOfWork work, RollupSql sql, RollupSettings settings, Clock clock) {
        this.work = work;
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
        int[] takenAndDiscarded = work.inTransaction(WHAT, tx -> {
            lock(tx);
            return new int[] {takeMarks(tx), tx.update(RollupSql.DISCARD_STALE, rawCutoff(now))};
        });
        int pairs = 0;
        int hours = 0;
        for (Folded folded = foldEarliestDay(now); folded != null; folded = foldEarliestDay(now)) {
            pairs += folded.pairs();
            hours += folded.hours();
        }
        RollupRun run = new RollupRun(takenAndDiscarded[0], takenAndDiscarded[1], pairs, hours);
        if (pairs > 0 || run.marksDiscarded() > 0) {
            LOG.debug("rollups folded [pairs: {}, hours: {}, discarded: {}]", pairs, hours, run.marksDiscarded());
        }
        return run;
    }

    @Override
    public synchronized void rebuild(Instant from, Instant to) {
        Instant now = clock.instant();
        Instant start = later(from.truncatedTo(ChronoUnit.HOURS), ceilHour(rawCutoff(now)));
        Instant end = ceilHour(to);
        for (Day day = Day.of(start, settings.dayZone()); day.start().isBefore(end); day = day.next()) {
            Day current = day;
            work.inTransaction(WHAT, tx -> {
                lock(tx);
                foldHours(tx, later(start, current.start()), earlier(end, current.end()), null);
                deriveDay(tx, current, null, now);
                return null;
            });
        }
    }

    private static void lock(UnitOfWork.Tx tx) throws SQLException {
        tx.update(RollupSql.LOCK_TIMEOUT);
        tx.one(RollupSql.ADVISORY_LOCK, rs -> true, LOCK_KEY);
    }

    /** Moves the marks ingest wrote into the job's own list; returns how many. */
    private static int takeMarks(UnitOfWork.Tx tx) throws SQLException {
        tx.update(RollupSql.LOCK_MARKS);
        tx.update(RollupSql.BUMP_EPOCH);
        return tx.update(RollupSql.MOVE_MARKS);
    }

    /** Folds (part of) the earliest day with pending marks in one transaction; null when none are left. */
    private Folded foldEarliestDay(Instant now) {
        return work.inTransaction(WHAT, tx -> {
            lock(tx);
            Instant earliest = tx.query(RollupSql.EARLIEST_PENDING, rs -> Sql.instant(rs, "min")).getFirst();
            if (earliest == null) {
                return null;
            }
            Day day = Day.of(earliest, settings.dayZone());
            Map<Instant, List<String>> devicesByHour = pending(tx, day);
            TreeSet<String> devices = new TreeSet<>();
            int pairs = 0;
            for (Map.Entry<Instant, List<String>> hour : devicesByHour.entrySet()) {
                foldHours(tx, hour.getKey(), hour.getKey().plus(HOUR), hour.getValue().toArray(String[]::new));
                devices.addAll(hour.getValue());
                pairs += hour.getValue().size();
            }
            deriveDay(tx, day, devices.toArray(String[]::new), now);
            forget(tx, devicesByHour);
            return new Folded(pairs, devicesByHour.size());
        });
    }

    private static Map<Instant, List<String>> pending(UnitOfWork.Tx tx, Day day) throws SQLException {
        Map<Instant, List<String>> devicesByHour = new TreeMap<>();
        tx.query(RollupSql.PENDING_IN, rs -> devicesByHour.computeIfAbsent(Sql.instant(rs, "bucket"),
                h -> new ArrayList<>()).add(rs.getString("device_id")), day.start(), day.end(), PAIRS_PER_TRANSACTION);
        return devicesByHour;
    }

    private static void forget(UnitOfWork.Tx tx, Map<Instant, List<String>> devicesByHour) throws SQLException {
        List<Long> hours = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        devicesByHour.forEach((hour, ids) -> ids.forEach(id -> {
            hours.add(hour.getEpochSecond());
            devices.add(id);
        }));
        Connection c = tx.connection();
        tx.update(RollupSql.FORGET_PENDING, c.createArrayOf("bigint", hours.toArray()),
                devices.toArray(String[]::new));
    }

    /** Recomputes the hourly rows of [from, to) from raw telemetry, for the devices given or (null) all. */
    private void foldHours(UnitOfWork.Tx tx, Instant from, Instant to, String[] devices) throws SQLException {
        tx.update(sql.deleteHourly(devices != null), range(null, from, to, devices));
        tx.update(sql.insertHourly(devices != null), range(null, from, to, devices));
    }

    /** Re-derives a day's daily rows from its hourly rows, unless hourly retention may have thinned that day. */
    private void deriveDay(UnitOfWork.Tx tx, Day day, String[] devices, Instant now) throws SQLException {
        if (day.start().isBefore(now.minus(settings.hourlyKeptFor()))) {
            return;
        }
        tx.update(sql.deleteDaily(devices != null), range(null, day.start(), day.end(), devices));
        tx.update(sql.insertDaily(devices != null), range(settings.dayZone().getId(), day.start(), day.end(), devices));
    }

    /** The parameters of a recomputation: [zone,] from, to[, devices]. */
    private static Object[] range(String zone, Instant from, Instant to, String[] devices) {
        List<Object> parameters = new ArrayList<>(4);
        if (zone != null) {
            parameters.add(zone);
        }
        parameters.add(from);
        parameters.add(to);
        if (devices != null) {
            parameters.add(devices);
        }
        return parameters.toArray();
    }

    private Instant rawCutoff(Instant now) {
        return now.minus(settings.rawKeptFor());
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
