package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.storage.UnitOfWork;

/**
 * Tariffs as data with effective dates. A community's tariff of a kind is in force from its local
 * date until the next one of that kind starts; tariffs are never changed, and a new one must start
 * after the newest of its kind and not in the past, so the tariff in force at any past instant is
 * what it was when it was billed. A community without a tariff of a kind has the configured
 * default, if the kind has one. Every method runs in the caller's transaction.
 */
public interface Tariffs {

    /** Returns the tariffs over the settings' defaults and zone; {@code clock} decides what is past. */
    static Tariffs create(BillingSettings settings, Clock clock) {
        return new TariffStore(settings, clock);
    }

    /**
     * Adds a tariff.
     *
     * @throws ClientError  409 naming the newest tariff of the kind when the new one does not start
     *                      after it, or when it would start before today while the community
     *                      already has a tariff of the kind (history would change)
     * @throws SQLException the database's failure (a community that does not exist)
     */
    StoredTariff add(UnitOfWork.Tx tx, NewTariff tariff) throws SQLException;

    /** Returns the community's tariffs, of one kind or (null) of all, by kind and then oldest first. */
    List<StoredTariff> list(UnitOfWork.Tx tx, String communityId, TariffKind kind) throws SQLException;

    /** Returns the community's own tariff of the kind in force at the instant, if it has one. */
    Optional<StoredTariff> storedAt(UnitOfWork.Tx tx, String communityId, TariffKind kind, Instant at)
            throws SQLException;

    /** Returns the tariff of the kind in force at the instant: the community's own, else the default. */
    Optional<Tariff> tariffAt(UnitOfWork.Tx tx, String communityId, TariffKind kind, Instant at) throws SQLException;

    /** Returns the tariff of the type in force at the instant, as {@link #tariffAt(UnitOfWork.Tx, String, TariffKind, Instant)}. */
    default <T extends Tariff> Optional<T> tariffAt(UnitOfWork.Tx tx, String communityId, Class<T> type, Instant at)
            throws SQLException {
        return tariffAt(tx, communityId, TariffKind.of(type), at).map(type::cast);
    }
}
