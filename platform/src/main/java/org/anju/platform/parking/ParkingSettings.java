package org.anju.platform.parking;

import java.time.Duration;
import java.util.Objects;

/**
 * The visitor-parking settings ({@code parking.*} in anju-defaults.yaml).
 *
 * @param pairing       the confidence threshold and the limit for an entry without exit
 * @param visitorTariff the tariff of every community until tariffs come from billing
 * @param batchReads    plate reads derived per transaction ({@code parking.batchReads})
 * @param interval      how often the derivation runs ({@code parking.interval})
 */
public record ParkingSettings(PairingSettings pairing, VisitorTariff visitorTariff, int batchReads, Duration interval) {

    /** Defaults: 30 free minutes, 5 CNY per started hour, 30 CNY per 24 hours, 10,000 reads per batch, every minute. */
    public static final ParkingSettings DEFAULTS = new ParkingSettings(PairingSettings.DEFAULTS,
            new VisitorTariff(30, 500, 3000), 10_000, Duration.ofMinutes(1));

    public ParkingSettings {
        Objects.requireNonNull(pairing, "pairing");
        Objects.requireNonNull(visitorTariff, "visitorTariff");
        if (batchReads < 1) {
            throw new IllegalArgumentException("parking.batchReads must be at least 1, got " + batchReads);
        }
    }
}
