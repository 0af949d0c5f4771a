package org.anju.platform.storage.rollup;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import org.anju.platform.storage.UnitOfWork;

/**
 * One ingest writer's way of marking (hour, device) pairs: a pair it marked in a committed
 * transaction stays in {@code rollup_dirty} until the rollup job takes the marks, so until then it
 * needs no second mark. In steady state a device is marked once per hour and job run, not once
 * per batch.
 * <p>
 * The job bumps {@code rollup_epoch} when it takes the marks, holding {@code rollup_dirty} in
 * EXCLUSIVE mode; a writer takes ROW EXCLUSIVE before it reads the epoch, so the job waits for
 * every writer that decided on the old epoch to commit (their rows are then visible to the
 * recomputation), and a writer that reads the new epoch forgets what it marked before. Not
 * thread-safe: one per writer thread. Call {@link #committed()} after each successful commit.
 */
public final class RollupMarks {

    /** Beyond this many remembered pairs (a job that has not run for long), start over; correctness does not depend on it. */
    private static final int MAX_REMEMBERED = 1_000_000;

    private final Set<DirtyHours.Mark> remembered = new HashSet<>();
    private long epoch = Long.MIN_VALUE;
    private Set<DirtyHours.Mark> written = Set.of();

    /**
     * Writes the marks of a batch that are not known to be in {@code rollup_dirty} still, inside the
     * caller's transaction.
     *
     * @throws SQLException when a statement fails; the caller rolls back
     */
    public void write(UnitOfWork.Tx tx, DirtyHours batch) throws SQLException {
        written = Set.of();
        if (batch.size() == 0) {
            return;
        }
        tx.update("LOCK TABLE rollup_dirty IN ROW EXCLUSIVE MODE");
        long current = tx.one("SELECT epoch FROM rollup_epoch", rs -> rs.getLong(1)).orElseThrow();
        if (current != epoch || remembered.size() > MAX_REMEMBERED) {
            remembered.clear();
            epoch = current;
        }
        Set<DirtyHours.Mark> fresh = new HashSet<>(batch.marks());
        fresh.removeAll(remembered);
        DirtyHours.insert(tx.connection(), fresh);
        written = fresh;
    }

    /** Records that the transaction of the last {@link #write} committed. */
    public void committed() {
        remembered.addAll(written);
        written = Set.of();
    }
}
