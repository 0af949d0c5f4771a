package org.anju.platform.storage.usage;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.anju.error.ServerError;
import org.anju.platform.storage.TimescaleInfo;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.retention.DataClass;
import org.anju.platform.storage.retention.RetentionPolicy;
import org.anju.platform.storage.rollup.RollupTables;

/**
 * Measures the storage a community uses per class of data, and keeps each community's figures
 * for {@code maxAge}: requests within that time get the same figures (their {@code measuredAt}
 * says when they were measured), so however often the figures are asked for, a community is
 * measured at most once per {@code maxAge}, and concurrent requests wait for one measurement.
 * <p>
 * Tables hold every community's rows, so a community's bytes are its share of the table's size
 * ({@code hypertable_size} on TimescaleDB, {@code pg_total_relation_size} elsewhere; indexes
 * included) in proportion to its rows. Its rows are counted without touching raw telemetry: raw
 * and hourly rows are summed from the daily rollup ({@code count} and {@code hours}) over their
 * retention windows, daily rows are counted in it, and events through the (device, ts) index.
 * The table's row total comes from the planner's statistics ({@code approximate_row_count},
 * {@code reltuples}), counted exactly only when a table has never been analysed. Methods block on JDBC.
 */
public final class StorageUsage {

    private static final String FIRE_TYPES = String.join(", ",
            DataClass.FIRE_DEVICE_TYPES.stream().map(t -> "'" + t + "'").toList());
    private static final String ROLLUP_ROWS = """
            SELECT coalesce(sum(count) FILTER (WHERE bucket >= ?), 0), coalesce(sum(hours) FILTER (WHERE bucket >= ?), 0),
                   count(*)
              FROM %s WHERE device_id IN (SELECT id FROM devices WHERE community_id = ?)""";
    private static final String EVENT_ROWS = """
            SELECT count(*) FILTER (WHERE d.type NOT IN (%1$s)), count(*) FILTER (WHERE d.type IN (%1$s))
              FROM device_events e JOIN devices d ON d.id = e.device_id WHERE d.community_id = ?""".formatted(FIRE_TYPES);

    private final UnitOfWork db;
    private final TimescaleInfo timescale;
    private final RollupTables rollups;
    private final RetentionPolicy retention;
    private final Clock clock;
    private final Duration maxAge;
    private final Counter measurements;
    private final Map<String, CommunityStorage> measured = new ConcurrentHashMap<>();
    private final Map<String, Object> measuring = new ConcurrentHashMap<>();

    /**
     * @param db     a unit of work of the report class
     * @param maxAge how long a community's figures are answered before they are measured again
     * @param meters where {@code anju.storage.usage.measurements} counts the measurements
     */
    public StorageUsage(UnitOfWork db, TimescaleInfo timescale, RollupTables rollups, RetentionPolicy retention,
            Clock clock, Duration maxAge, MeterRegistry meters) {
        this.db = db;
        this.timescale = timescale;
        this.rollups = rollups;
        this.retention = retention;
        this.clock = clock;
        this.maxAge = maxAge;
        this.measurements = Counter.builder("anju.storage.usage.measurements")
                .description("communities' storage figures measured (the figures are reused for limits.storageFiguresMaxAge)")
                .register(meters);
    }

    /**
     * Returns a community's figures, measured at most {@code maxAge} ago; one that does not exist
     * uses nothing.
     *
     * @throws ServerError 503 when the database fails, 504 when the report's statement timeout ran out
     */
    public CommunityStorage of(String communityId) {
        CommunityStorage known = fresh(communityId);
        if (known != null) {
            return known;
        }
        synchronized (measuring.computeIfAbsent(communityId, id -> new Object())) {
            // another request may have measured it while this one waited
            known = fresh(communityId);
            if (known == null) {
                known = measure(communityId);
                measured.put(communityId, known);
            }
            return known;
        }
    }

    private CommunityStorage fresh(String communityId) {
        CommunityStorage known = measured.get(communityId);
        return known != null && Duration.between(known.measuredAt(), clock.instant()).compareTo(maxAge) < 0 ? known : null;
    }

    private CommunityStorage measure(String communityId) {
        Instant now = clock.instant();
        CommunityStorage storage = db.read("storage usage", tx -> {
            Map<DataClass, Long> rows = communityRows(tx, communityId, now);
            Map<String, TableSize> tables = new HashMap<>();
            List<ClassUsage> classes = new ArrayList<>();
            long total = 0;
            for (DataClass dataClass : DataClass.values()) {
                String table = storedIn(dataClass);
                TableSize size = tables.get(table);
                if (size == null) {
                    size = measure(tx, table);
                    tables.put(table, size);
                }
                long bytes = size.share(rows.get(dataClass));
                total += bytes;
                classes.add(new ClassUsage(dataClass.wireName(), rows.get(dataClass), bytes,
                        retention.of(dataClass).toDays(), now.minus(retention.of(dataClass))));
            }
            return new CommunityStorage(communityId, timescale.toString(), now, maxAge.toSeconds(), total, classes);
        });
        measurements.increment();
        return storage;
    }

    private String storedIn(DataClass dataClass) {
        return switch (dataClass) {
            case TELEMETRY -> "telemetry";
            case HOURLY -> rollups.hourlyStored();
            case DAILY -> rollups.dailyStored();
            case EVENTS, FIRE_EVENTS -> "device_events";
        };
    }

    private Map<DataClass, Long> communityRows(UnitOfWork.Tx tx, String communityId, Instant now) throws SQLException {
        Map<DataClass, Long> rows = new EnumMap<>(DataClass.class);
        tx.one(ROLLUP_ROWS.formatted(rollups.daily()), rs -> {
            rows.put(DataClass.TELEMETRY, rs.getLong(1));
            rows.put(DataClass.HOURLY, rs.getLong(2));
            rows.put(DataClass.DAILY, rs.getLong(3));
            return true;
        }, now.minus(retention.telemetry()), now.minus(retention.hourly()), communityId);
        tx.one(EVENT_ROWS, rs -> {
            rows.put(DataClass.EVENTS, rs.getLong(1));
            rows.put(DataClass.FIRE_EVENTS, rs.getLong(2));
            return true;
        }, communityId);
        return rows;
    }

    /** A table's size on disk and its (estimated) number of rows. */
    private record TableSize(long bytes, long rows) {

        long share(long communityRows) {
            if (communityRows <= 0 || bytes <= 0) {
                return 0;
            }
            // statistics lag behind inserts: a community never gets more than the whole table
            return rows <= communityRows ? bytes : Math.round((double) bytes * communityRows / rows);
        }
    }

    private TableSize measure(UnitOfWork.Tx tx, String table) throws SQLException {
        long bytes = single(tx, timescale.present() ? "SELECT hypertable_size(?::regclass)"
                : "SELECT pg_total_relation_size(?::regclass)", table);
        long rows = single(tx, timescale.present() ? "SELECT approximate_row_count(?::regclass)"
                : "SELECT reltuples::bigint FROM pg_class WHERE oid = ?::regclass", table);
        if (rows <= 0) {
            // never analysed (autovacuum analyses any table that has grown), so small: count it
            rows = single(tx, "SELECT count(*) FROM " + table);
        }
        return new TableSize(bytes, rows);
    }

    private static long single(UnitOfWork.Tx tx, String sql, Object... parameters) throws SQLException {
        return tx.one(sql, rs -> rs.getLong(1), parameters).orElse(0L);
    }
}
