package org.anju.platform.alerts;

import java.sql.SQLException;
import java.util.Optional;

import org.anju.platform.storage.UnitOfWork;

/**
 * Maintenance work that a newly opened alert starts (implemented by {@code maintenance.work}: a
 * fault of an elevator, charger, locker, camera or fire facility opens a corrective work order),
 * in the transaction that opens the alert. The alert then shows its order ({@code workOrderId}).
 * Faults go to maintenance this way, never to the fire brigade's feed.
 */
public interface FaultWork {

    /** Opens no work. */
    FaultWork NONE = (tx, alert) -> Optional.empty();

    /**
     * Opens (or finds) the work order of a newly opened alert.
     *
     * @return the order's id, empty when the alert needs no maintenance work
     */
    Optional<Long> opened(UnitOfWork.Tx tx, AlertView alert) throws SQLException;

    /**
     * Tells the work order of an alert that the device cleared (reported normal again), in the
     * transaction that clears it; the order records it and stays open for its inspection.
     *
     * @param alert the cleared alert, with its {@code workOrderId} and {@code clearedAt}
     */
    default void cleared(UnitOfWork.Tx tx, AlertView alert) throws SQLException {
        // no work was opened
    }
}
