package org.anju.platform.charging;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The EV charging settings ({@code charging.*} in anju-defaults.yaml).
 *
 * @param zone             the zone of the tariffs' local day and its 48 half-hour slots
 * @param openSessionLimit a session with no stop this long after its start goes to review
 * @param tariff           the tariff in force before a community's first {@code ev_tou} tariff
 * @param batchEvents      session events derived per transaction
 * @param interval         how often the derivation runs
 */
public record ChargingSettings(ZoneId zone, Duration openSessionLimit, TouTariff tariff, int batchEvents,
        Duration interval) {

    public ChargingSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(tariff, "tariff");
        if (openSessionLimit.isNegative() || openSessionLimit.isZero()) {
            throw new IllegalArgumentException("charging.openSessionLimit must be positive, got " + openSessionLimit);
        }
        if (batchEvents < 1) {
            throw new IllegalArgumentException("charging.batchEvents must be at least 1, got " + batchEvents);
        }
    }
}
