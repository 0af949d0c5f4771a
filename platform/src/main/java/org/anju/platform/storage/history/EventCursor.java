package org.anju.platform.storage.history;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.BinaryOperator;

import org.anju.platform.storage.UnitOfWork;

/**
 * The cursor of a derivation over stored events (visits from plate reads, charging sessions): it
 * reads the events of some kinds after its position in batches, one transaction per batch that holds
 * the cursor's row lock, derives the batch and moves the cursor past it in the same transaction. A
 * crash rolls the batch back whole; a second run (or instance) waits on the lock and starts after
 * what is committed, so nothing is derived twice. The cursor's table belongs to the derivation's
 * package (docs/storage.md "Table owners"): one row {@code id = 1} with {@code last_event_id}.
 */
public final class EventCursor {

    private final String table;
    private final List<String> kinds;

    /** What to derive from one batch of events, in the batch's transaction. */
    @FunctionalInterface
    public interface Batch<R> {

        /** Derives the events (oldest first; empty when nothing is new) and returns what it did. */
        R derive(UnitOfWork.Tx tx, List<EventRecord> events) throws SQLException;
    }

    /**
     * @param table the owner's cursor table, a constant of its code (never input)
     * @param kinds the event kinds the derivation reads
     */
    public EventCursor(String table, List<String> kinds) {
        this.table = table;
        this.kinds = List.copyOf(kinds);
    }

    /**
     * Derives every event stored so far, batch by batch, until a batch is not full.
     *
     * @param what  the transactions' name (for logs)
     * @param limit events per batch
     * @param zero  what nothing derived is
     * @param plus  adds what two batches derived
     * @return what all batches derived
     */
    public <R> R drain(UnitOfWork work, String what, int limit, Batch<R> batch, R zero, BinaryOperator<R> plus) {
        record Step<R>(int events, R derived) {
        }
        R total = zero;
        while (true) {
            Step<R> step = work.inTransaction(what, tx -> {
                List<EventRecord> events = EventLog.afterOfKinds(tx, lock(tx), kinds, limit);
                R derived = batch.derive(tx, events);
                if (!events.isEmpty()) {
                    tx.update("UPDATE " + table + " SET last_event_id = ? WHERE id = 1", events.getLast().id());
                }
                return new Step<>(events.size(), derived);
            });
            total = plus.apply(total, step.derived());
            if (step.events() < limit) {
                return total;
            }
        }
    }

    /** Locks the cursor's row (creating it at 0) and returns its position. */
    private long lock(UnitOfWork.Tx tx) throws SQLException {
        tx.update("INSERT INTO " + table + " (id, last_event_id) VALUES (1, 0) ON CONFLICT (id) DO NOTHING");
        return tx.one("SELECT last_event_id FROM " + table + " WHERE id = 1 FOR UPDATE", rs -> rs.getLong(1))
                .orElseThrow();
    }

    /**
     * The time up to which events are known: {@code now} once the batch reached the newest stored
     * events, else (catching up on history) the newest event of the batch, so that an entry or a
     * session is not sent to review for a missing exit or stop that a later batch holds.
     */
    public static Instant horizon(List<EventRecord> events, int batchSize, Instant now) {
        if (events.size() < batchSize) {
            return now;
        }
        Instant newest = events.stream().map(EventRecord::ts).max(Instant::compareTo).orElse(now);
        return newest.isBefore(now) ? newest : now;
    }
}
