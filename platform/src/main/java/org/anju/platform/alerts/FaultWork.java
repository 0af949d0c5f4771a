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
}
