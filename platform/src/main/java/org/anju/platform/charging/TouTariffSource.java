package org.anju.platform.charging;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.anju.platform.storage.UnitOfWork;

/**
 * Where EV time-of-use tariffs come from: the platform wires {@code billing.UsageTariffs.evTimeOfUse}
 * (the community's effective-dated {@code ev_tou} tariffs in force at some instant of the range, as
 * {@link TouTariff} values, with the configured {@code charging.tariff} before its first one).
 */
@FunctionalInterface
public interface TouTariffSource {

    /**
     * Returns the community's tariffs in force at any instant of [{@code from}, {@code to}]: the one
     * in force at {@code from} and those that start within the range.
     *
     * @throws SQLException when the tariffs' store fails
     */
    List<TouTariff> tariffs(UnitOfWork.Tx tx, String communityId, Instant from, Instant to) throws SQLException;

    /** Returns one tariff for every community, in force since ever ({@code charging.tariff}). */
    static TouTariffSource fixed(TouTariff tariff) {
        List<TouTariff> only = List.of(tariff);
        return (tx, communityId, from, to) -> only;
    }
}
