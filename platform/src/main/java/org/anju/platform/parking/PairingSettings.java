package org.anju.platform.parking;

import java.time.Duration;

/**
 * What the plate pairing trusts (settings {@code parking.*}, per community where they differ).
 *
 * @param minConfidence  reads below it go to review instead of into a visit ({@code parking.minConfidence})
 * @param openEntryLimit an entry with no exit after this long goes to review ({@code parking.openEntryLimit})
 */
public record PairingSettings(double minConfidence, Duration openEntryLimit) {

    /** The default confidence threshold. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.8;
    /** The default limit for an entry without exit. */
    public static final Duration DEFAULT_OPEN_ENTRY_LIMIT = Duration.ofDays(3);
    /** The defaults. */
    public static final PairingSettings DEFAULTS = new PairingSettings(DEFAULT_MIN_CONFIDENCE, DEFAULT_OPEN_ENTRY_LIMIT);

    public PairingSettings {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("parking.minConfidence must be from 0 to 1, got " + minConfidence);
        }
        if (openEntryLimit.isNegative() || openEntryLimit.isZero()) {
            throw new IllegalArgumentException("parking.openEntryLimit must be positive, got " + openEntryLimit);
        }
    }
}
