package org.anju.platform.charging;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An EV time-of-use tariff as pure data: from when it applies, each tier's electricity and service
 * rates, and which tier each of the day's 48 half-hour slots is in (slot 0 is 00:00–00:30 local
 * time).
 *
 * @param id            the tariff's identity where it is stored (named on the session's lines)
 * @param effectiveFrom the instant from which it replaces the one before
 * @param rates         the rates of every tier the slots use
 * @param slots         48 tiers, one per half hour of the local day
 */
public record TouTariff(String id, Instant effectiveFrom, Map<Tier, Rate> rates, List<Tier> slots) {

    /** Half-hour slots in a day. */
    public static final int SLOTS = 48;

    /**
     * A tier's rates in fen per kWh (fixed-scale decimals: a rate of 0.5283 CNY/kWh is 52.83 fen).
     */
    public record Rate(BigDecimal electricityFenPerKwh, BigDecimal serviceFenPerKwh) {

        public Rate {
            if (electricityFenPerKwh.signum() < 0 || serviceFenPerKwh.signum() < 0) {
                throw new IllegalArgumentException("rates must not be negative: " + electricityFenPerKwh + ", "
                        + serviceFenPerKwh);
            }
        }

        /** Returns what one kWh costs in this tier, electricity plus service, in fen. */
        public BigDecimal fenPerKwh() {
            return electricityFenPerKwh.add(serviceFenPerKwh);
        }
    }

    public TouTariff {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        rates = new EnumMap<>(rates);
        slots = List.copyOf(slots);
        if (slots.size() != SLOTS) {
            throw new IllegalArgumentException("a TOU tariff has " + SLOTS + " half-hour slots, got " + slots.size());
        }
        for (Tier tier : slots) {
            if (!rates.containsKey(tier)) {
                throw new IllegalArgumentException("the slots use tier " + tier.wireName() + " that has no rate");
            }
        }
        rates = Map.copyOf(rates);
    }

    /** Returns the tier of the half hour that starts at or contains {@code localTime}. */
    public Tier tierAt(LocalTime localTime) {
        return slots.get(localTime.getHour() * 2 + localTime.getMinute() / 30);
    }

    /** Returns the rates of a tier. */
    public Rate rate(Tier tier) {
        return rates.get(tier);
    }
}
