package org.anju.platform.parking;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import org.anju.platform.storage.UnitOfWork;

/**
 * Which households hold an active rental contract: the platform wires
 * {@code billing.ContractedHouseholds} (over {@code billing.Contracts}). A vehicle of such a
 * household parks as {@link Exemption#CONTRACT}; any other registered vehicle of the community as
 * {@link Exemption#HOUSEHOLD}; both cost nothing.
 */
@FunctionalInterface
public interface ActiveContracts {

    /** No contracts known. */
    ActiveContracts NONE = (tx, communityId, households, at) -> Set.of();

    /**
     * Returns those of the households of the community with a contract active at {@code at}.
     *
     * @throws SQLException when the contracts' store fails
     */
    Set<Long> withActiveContract(UnitOfWork.Tx tx, String communityId, Collection<Long> households, Instant at)
            throws SQLException;
}
