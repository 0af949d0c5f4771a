package org.anju.platform.charging;

import java.math.BigDecimal;

/**
 * The energy a session drew in one tier of one tariff, and what it costs.
 *
 * @param tariffId  the tariff in force
 * @param wh        energy in Wh, to the milliwatt-hour (interpolated at slot boundaries)
 * @param fenPerKwh electricity plus service rate of the tier
 * @param costFen   {@code wh / 1000 × fenPerKwh}, rounded half-up to whole fen
 */
public record TierLine(String tariffId, Tier tier, BigDecimal wh, BigDecimal fenPerKwh, long costFen) {
}
