package org.anju.platform.storage.retention;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.TimescaleInfo;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.rollup.RollupTables;

/**
 * Removes what is older than its class's retention.
 * <p>
 * On TimescaleDB whole chunks go ({@code drop_chunks}): a chunk is dropped once all of it is older
 * than the cutoff, so data is kept up to one chunk interval longer than its setting, never
 * shorter. On plain PostgreSQL, range deletes of at most {@value #DELETE_BATCH_ROWS} rows per
 * transaction, so that a first run over a large backlog never holds long locks. Events are one
 * table holding two classes: chunks go at the longer of the two retentions, and the class kept
 * for less time is then range-deleted by device type on either backend.
 * <p>
 * {@link #run()} blocks on JDBC; call it from a worker thread. It is idempotent.
 */
public final class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    static final int DELETE_BATCH_ROWS = 10_000;

    private final UnitOfWork work;
    private final TimescaleInfo timescale;
    private final RetentionPolicy policy;
    private final RollupTables rollups;
    private final Clock clock;

    public RetentionJob(UnitOfWork work, TimescaleInfo timescale, RetentionPolicy policy, RollupTables rollups,
            Clock clock) {
        this.work = work;
        this.timescale = timescale;
        this.policy = policy;
        this.rollups = rollups;
        this.clock = clock;
    }

    /** Returns the policy this job enforces. */
    public RetentionPolicy policy() {
        return policy;
    }

    /**
     * Removes expired data of every class.
     *
     * @throws ServerError 503 (retryable) when the database fails; what was removed stays removed
     */
    public synchronized RetentionRun run() {
        Instant now = clock.instant();
        Map<DataClass, Integer> chunks = new EnumMap<>(DataClass.class);
        Map<DataClass, Long> rows = new EnumMap<>(DataClass.class);
        // statement by statement: each dropped chunk and each batch of deleted rows stays removed
        work.autoCommit("retention", tx -> {
            expire(tx, DataClass.TELEMETRY, "telemetry", "ts", now, chunks, rows);
            expire(tx, DataClass.HOURLY, rollups.hourly(), "bucket", now, chunks, rows);
            expire(tx, DataClass.DAILY, rollups.daily(), "bucket", now, chunks, rows);
            boolean fireLonger = policy.fireEvents().compareTo(policy.events()) >= 0;
            DataClass longer = fireLonger ? DataClass.FIRE_EVENTS : DataClass.EVENTS;
            DataClass shorter = fireLonger ? DataClass.EVENTS : DataClass.FIRE_EVENTS;
            expire(tx, longer, "device_events", "ts", now, chunks, rows);
            String[] fireDevices = Devices.ofTypes(tx, DataClass.FIRE_DEVICE_TYPES).toArray(String[]::new);
            String shorterRows = fireLonger ? "NOT (device_id = ANY (?))" : "device_id = ANY (?)";
            rows.merge(shorter, deleteOlder(tx, "device_events", "ts", cutoff(shorter, now), shorterRows, fireDevices),
                    Long::sum);
            return null;
        });
        RetentionRun run = new RetentionRun(chunks, rows);
        if (!chunks.values().stream().allMatch(n -> n == 0) || !rows.values().stream().allMatch(n -> n == 0)) {
            LOG.info("retention removed expired data [chunks: {}, rows: {}]", chunks, rows);
        }
        return run;
    }

    private void expire(UnitOfWork.Tx tx, DataClass dataClass, String relation, String timeColumn, Instant now,
            Map<DataClass, Integer> chunks, Map<DataClass, Long> rows) throws SQLException {
        Instant cutoff = cutoff(dataClass, now);
        if (timescale.present()) {
            chunks.merge(dataClass, tx.one("SELECT count(*) FROM drop_chunks(?::regclass, older_than => ?::timestamptz)",
                    rs -> rs.getInt(1), relation, cutoff).orElseThrow(), Integer::sum);
        } else {
            rows.merge(dataClass, deleteOlder(tx, relation, timeColumn, cutoff, null, null), Long::sum);
        }
    }

    private Instant cutoff(DataClass dataClass, Instant now) {
        return now.minus(policy.of(dataClass));
    }

    /**
     * Deletes rows older than the cutoff (and matching the condition, when given, with its one
     * parameter) in batches. Rows are picked by ctid; the conditions are repeated on the delete
     * itself, so on a hypertable, where a ctid may recur in another chunk, only expired rows can
     * ever match.
     */
    private static long deleteOlder(UnitOfWork.Tx tx, String table, String timeColumn, Instant cutoff, String condition,
            Object conditionParameter) throws SQLException {
        String where = timeColumn + " < ?" + (condition == null ? "" : " AND " + condition);
        String sql = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table + " WHERE " + where
                + " LIMIT " + DELETE_BATCH_ROWS + ")) AND " + where;
        Object[] parameters = condition == null ? new Object[] {cutoff, cutoff}
                : new Object[] {cutoff, conditionParameter, cutoff, conditionParameter};
        long total = 0;
        int deleted;
        do {
            deleted = tx.update(sql, parameters);
            total += deleted;
        } while (deleted >= DELETE_BATCH_ROWS);
        return total;
    }
}
