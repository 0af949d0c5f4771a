package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import org.anju.platform.storage.Sql;

/**
 * Schedules and cancels rows of {@code alert_timers}, in the caller's transaction.
 */
public final class Timers {

    private Timers() {
    }

    /** Schedules a timer; scheduling the same subject and kind again keeps the first. */
    public static void schedule(Connection c, String subject, long subjectId, String kind, Instant dueAt)
            throws SQLException {
        Sql.update(c, """
                INSERT INTO alert_timers (subject, subject_id, kind, due_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (subject, subject_id, kind) DO NOTHING""", subject, subjectId, kind, dueAt);
    }

    /** Cancels pending timers of a subject of these kinds. */
    public static void cancel(Connection c, String subject, long subjectId, Instant now, String... kinds)
            throws SQLException {
        Sql.update(c, """
                UPDATE alert_timers SET done_at = ?, outcome = 'cancelled'
                 WHERE subject = ? AND subject_id = ? AND kind = ANY (?) AND done_at IS NULL""",
                now, subject, subjectId, kinds);
    }
}
