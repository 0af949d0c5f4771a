package org.anju.platform.maintenance;

import java.sql.SQLException;

import org.anju.platform.storage.UnitOfWork;

/**
 * Opens work orders for due work (implemented by the work-order side, called by plans, counters,
 * forecasts and fault alerts in their own transaction).
 */
public interface WorkOrderSink {

    /**
     * Opens a work order for the due work, or does nothing when one was already opened for the same
     * {@link DueWork#sourceRef()} (idempotent: a second call, also a concurrent one, opens nothing).
     *
     * @param tx the caller's transaction, which the order joins
     * @return the id of the work order for this due work (new or earlier)
     */
    long open(UnitOfWork.Tx tx, DueWork due) throws SQLException;
}
