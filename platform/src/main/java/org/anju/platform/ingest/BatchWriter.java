package org.anju.platform.ingest;

import java.sql.SQLException;
import java.util.List;

import org.anju.platform.presence.PresenceChange;
import org.anju.platform.presence.PresenceTracker;
import org.anju.platform.registry.DeviceStates;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.storage.rollup.DirtyHours;
import org.anju.platform.storage.rollup.RollupMarks;
import org.anju.platform.storage.series.SeriesWriter;
import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;

/**
 * Writes one batch in one transaction: data points and events by binary {@code COPY} (storage's
 * {@link SeriesWriter}) with the rollup marks of the points, then one coalesced state upsert per
 * device (the registry's {@link DeviceStates}), then the batch's presence changes
 * ({@link PresenceTracker}). Ingest names no table itself.
 */
final class BatchWriter {

    private final UnitOfWork work;
    private final RollupMarks rollupMarks = new RollupMarks();
    private final PresenceTracker presence;
    private final KafkaFence fence;

    BatchWriter(UnitOfWork work, PresenceTracker presence, String lane) {
        this.work = work;
        this.presence = presence;
        this.fence = new KafkaFence(lane);
    }

    /**
     * What a committed batch did: the messages it stored (all of the batch but those from Kafka
     * that were stored already), its presence changes and the id of its last event (0 when none).
     */
    record Written(Batch stored, List<PresenceChange> presenceChanges, long lastEventId) {
    }

    /**
     * Writes and commits the batch; on any failure nothing of it is committed. A transaction the
     * database chose as a deadlock victim is written again whole (the unit of work's retry): the
     * lanes lock {@code device_state} rows in one order, but TimescaleDB's creation of a new chunk
     * of {@code device_events} (once a week, and at the first events of a new database) takes a
     * lock in the middle of that order.
     *
     * @return what it stored, and the presence changes it committed, for {@link PresenceTracker#committed}
     * @throws SQLException when the database failed, after the last attempt of a victim
     */
    Written write(Batch whole) throws SQLException {
        return work.inTransactionOrThrow("ingest batch", tx -> {
            // first: the fence's rows are the first the batch locks, in one order (see KafkaFence)
            Batch batch = fence.admit(tx, whole);
            if (batch.entries().isEmpty()) {
                return new Written(batch, List.of(), 0);
            }
            SeriesWriter.copyPoints(tx, points(batch), batch.rows());
            rollupMarks.write(tx, dirtyHours(batch));
            long lastEventId = SeriesWriter.copyEvents(tx, events(batch), batch.entries().size());
            DeviceStates.record(tx, batch.stateUpdates().entrySet().stream().map(e -> new DeviceStates.Update(e.getKey(),
                    e.getValue().lastSeen, e.getValue().latest, e.getValue().latestTs, e.getValue().status,
                    e.getValue().statusAt)).toList());
            List<PresenceChange> changes = presence.record(tx, batch.presenceSignals());
            tx.afterCommit(rollupMarks::committed);
            return new Written(batch, changes, lastEventId);
        });
    }

    private static Iterable<DataPoint> points(Batch batch) {
        return () -> batch.entries().stream().flatMap(entry -> entry.points().stream()).iterator();
    }

    private static Iterable<DeviceEvent> events(Batch batch) {
        return () -> batch.entries().stream().flatMap(entry -> entry.events().stream()).iterator();
    }

    /** Returns the device-hours the batch has data for: the rollup job recomputes them (see docs/storage.md). */
    private static DirtyHours dirtyHours(Batch batch) {
        DirtyHours dirty = new DirtyHours();
        batch.entries().forEach(entry -> entry.points().forEach(p -> dirty.add(p.deviceId(), p.ts())));
        return dirty;
    }
}
