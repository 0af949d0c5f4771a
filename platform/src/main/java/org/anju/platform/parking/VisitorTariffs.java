package org.anju.platform.parking;

import java.sql.SQLException;
import java.time.Instant;

import org.anju.platform.storage.UnitOfWork;

/**
 * Where visitor parking tariffs come from: the money helper's effective-dated {@code billing.Tariffs}
 * once merged (an adapter of {@code tariffAt(tx, community, VISITOR_PARKING, instant)}), until then
 * the configured default ({@link #fixed}).
 */
@FunctionalInterface
public interface VisitorTariffs {

    /**
     * Returns the tariff in force in the community at {@code at} (the visit's exit), in the
     * caller's transaction.
     *
     * @throws SQLException when the tariff's store fails
     */
    VisitorTariff at(UnitOfWork.Tx tx, String communityId, Instant at) throws SQLException;

    /** Returns one tariff for every community and instant (the configured {@code parking.visitorTariff}). */
    static VisitorTariffs fixed(VisitorTariff tariff) {
        return (tx, communityId, at) -> tariff;
    }
}
