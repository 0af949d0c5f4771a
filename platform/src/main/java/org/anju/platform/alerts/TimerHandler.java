package org.anju.platform.alerts;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Acts on due timers of one subject ({@code fire_case}, {@code rescue}) from {@code alert_timers}.
 */
public interface TimerHandler {

    /** Returns the subject whose timers it handles. */
    String subject();

    /**
     * Acts on one due timer, in the transaction that marks it done (so it acts once).
     *
     * @return what happened, stored as the timer's outcome (e.g. {@code escalated}, {@code not_needed})
     */
    String due(Transactions.Change change, long subjectId, String kind, Instant now) throws SQLException;
}
