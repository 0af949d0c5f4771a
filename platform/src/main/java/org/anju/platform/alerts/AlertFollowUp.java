package org.anju.platform.alerts;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Work that an alert of some type starts when it opens (a fire alarm its workflow, an entrapment
 * its rescue), done in the transaction that opens the alert.
 */
public interface AlertFollowUp {

    /** Returns the alert type it follows up. */
    String alertType();

    /** Starts the follow-up of a newly opened alert. */
    void opened(Transactions.Change change, AlertView alert, AlertSettings settings, Instant now) throws SQLException;
}
