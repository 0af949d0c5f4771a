package org.anju.platform.maintenance;

import java.sql.SQLException;

import org.anju.platform.storage.UnitOfWork;

/**
 * Told when maintenance work is done (implemented by plans and counters, called by the work-order
 * side in the transaction that completes the order): resets counters, schedules the next occurrence.
 * Must be idempotent per {@link CompletedWork#workOrderId()}.
 */
public interface CompletionListener {

    /** Records that the work was done. */
    void completed(UnitOfWork.Tx tx, CompletedWork done) throws SQLException;
}
