package org.anju.platform.payments;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * The SQL of the callback log ({@code payment_callbacks}), of the refused callbacks' budget per
 * provider and window ({@code payment_callback_windows}) and of the count of those beyond it
 * ({@code payment_callbacks_not_stored}).
 */
final class CallbackLog {

    /** How much of a refused callback's body is kept, in bytes of UTF-8 (the route takes 64 KiB). */
    static final int MAX_REFUSED_BODY_BYTES = 4 * 1024;
    private static final int MAX_NONCE = 200;

    private CallbackLog() {
    }

    /** Refused callbacks of a provider and window that were counted, not stored. */
    record NotStored(String provider, Instant windowStart, String verdict, long count) {
    }

    /** Appends an accepted callback, whole, with its outcome. */
    static void keep(UnitOfWork.Tx tx, String provider, SignedCallback callback, Long orderId, String verdict)
            throws SQLException {
        insert(tx, provider, callback, orderId, verdict, callback.body());
    }

    /**
     * Appends a refused callback (body cut to {@link #MAX_REFUSED_BODY_BYTES}) while the provider's
     * window has budget left; beyond it only counts it.
     *
     * @return 0 when it was stored, else how many of this verdict the window has not stored so far
     */
    static long refuse(UnitOfWork.Tx tx, String provider, SignedCallback callback, Long orderId, String verdict,
            Instant windowStart, int budget) throws SQLException {
        // the window's row lock orders concurrent refusals, so exactly `budget` of them are stored
        boolean withinBudget = tx.one("INSERT INTO payment_callback_windows (provider, window_start, stored) "
                + "VALUES (?, ?, 1) ON CONFLICT (provider, window_start) DO UPDATE "
                + "SET stored = payment_callback_windows.stored + 1 WHERE payment_callback_windows.stored < ? "
                + "RETURNING stored", rs -> rs.getInt(1), provider, windowStart, budget).isPresent();
        if (withinBudget) {
            insert(tx, provider, callback, orderId, verdict, CallbackCheck.cut(callback.body(), MAX_REFUSED_BODY_BYTES));
            return 0;
        }
        return tx.one("INSERT INTO payment_callbacks_not_stored (provider, window_start, verdict, count) "
                + "VALUES (?, ?, ?, 1) ON CONFLICT (provider, window_start, verdict) DO UPDATE "
                + "SET count = payment_callbacks_not_stored.count + 1 RETURNING count", rs -> rs.getLong(1), provider,
                windowStart, verdict).orElseThrow();
    }

    /** Marks the counts of windows that started before {@code before} as reported and returns them. */
    static List<NotStored> report(UnitOfWork.Tx tx, Instant before) throws SQLException {
        return tx.query("UPDATE payment_callbacks_not_stored SET reported = true WHERE NOT reported "
                + "AND window_start < ? RETURNING provider, window_start, verdict, count",
                rs -> new NotStored(rs.getString(1), Sql.instant(rs, "window_start"), rs.getString(3), rs.getLong(4)),
                before);
    }

    /**
     * Deletes up to {@code limit} refused callbacks received before {@code before}, and the budget
     * rows and reported counts of windows that started before it; accepted callbacks are kept.
     *
     * @return the refused callbacks deleted
     */
    static int deleteRefused(UnitOfWork.Tx tx, Instant before, int limit) throws SQLException {
        int deleted = tx.update("DELETE FROM payment_callbacks WHERE id IN (SELECT id FROM payment_callbacks "
                + "WHERE verdict NOT IN ('settled', 'duplicate', 'failed') AND received_at < ? LIMIT ?)",
                before, limit);
        tx.update("DELETE FROM payment_callback_windows WHERE window_start < ?", before);
        tx.update("DELETE FROM payment_callbacks_not_stored WHERE reported AND window_start < ?", before);
        return deleted;
    }

    private static void insert(UnitOfWork.Tx tx, String provider, SignedCallback callback, Long orderId,
            String verdict, String body) throws SQLException {
        String nonce = callback.nonce().length() > MAX_NONCE ? callback.nonce().substring(0, MAX_NONCE)
                : callback.nonce();
        tx.update("INSERT INTO payment_callbacks (provider, nonce, timestamp_s, order_id, verdict, body) "
                + "VALUES (?, ?, ?, ?, ?, ?)", provider, nonce, callback.timestamp(), orderId, verdict, body);
    }
}
