package org.anju.platform.parking;

import java.sql.SQLException;
import java.time.Instant;

import org.anju.platform.storage.UnitOfWork;

/**
 * Where visitor parking tariffs come from: the platform wires {@code billing.UsageTariffs.visitorParking}
 * (the community's effective-dated {@code visitor_parking} tariff, else {@code billing.visitorParking}).
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

    /** Returns one tariff for every community and instant. */
    static VisitorTariffs fixed(VisitorTariff tariff) {
        return (tx, communityId, at) -> tariff;
    }
}
