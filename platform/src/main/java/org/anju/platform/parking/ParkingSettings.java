package org.anju.platform.parking;

import java.time.Duration;
import java.util.Objects;

/**
 * The visitor-parking settings ({@code parking.*} in anju-defaults.yaml).
 *
 * @param pairing       the confidence threshold and the limit for an entry without exit
 * @param batchReads    plate reads derived per transaction ({@code parking.batchReads})
 * @param interval      how often the derivation runs ({@code parking.interval})
 */
public record ParkingSettings(PairingSettings pairing, int batchReads, Duration interval) {

    /** Defaults: 10,000 reads per batch, every minute (the tariffs are billing's: {@code billing.visitorParking}). */
    public static final ParkingSettings DEFAULTS = new ParkingSettings(PairingSettings.DEFAULTS, 10_000,
            Duration.ofMinutes(1));

    public ParkingSettings {
        Objects.requireNonNull(pairing, "pairing");
        if (batchReads < 1) {
            throw new IllegalArgumentException("parking.batchReads must be at least 1, got " + batchReads);
        }
    }
}
