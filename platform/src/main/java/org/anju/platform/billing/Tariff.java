package org.anju.platform.billing;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.anju.error.ClientError;
import org.anju.platform.charging.Tier;
import org.anju.platform.ledger.Fen;

/**
 * The value of a tariff: prices in whole fen, counts in whole units. Each record checks itself
 * and refuses what is wrong with a 400 that names the field ({@code body.<field>}).
 */
public sealed interface Tariff {

    /** Returns the kind of tariff this is. */
    default TariffKind kind() {
        return TariffKind.of(getClass());
    }

    /**
     * Rent of one parking space for one period, per space kind and term.
     *
     * @param fen every term and every space kind
     */
    record SpaceRent(Map<Term, Map<SpaceKind, Long>> fen) implements Tariff {

        public SpaceRent {
            Map<Term, Map<SpaceKind, Long>> copy = new EnumMap<>(Term.class);
            for (Term term : Term.values()) {
                Map<SpaceKind, Long> byKind = fen.get(term);
                if (byKind == null) {
                    throw field(term.wireName() + "Fen", "is required");
                }
                for (SpaceKind kind : SpaceKind.values()) {
                    Long price = byKind.get(kind);
                    if (price == null) {
                        throw field(term.wireName() + "Fen." + kind.wireName(), "is required");
                    }
                    nonNegative(term.wireName() + "Fen." + kind.wireName(), price);
                }
                copy.put(term, Map.copyOf(byKind));
            }
            fen = Map.copyOf(copy);
        }

        /** Returns the rent of one period of the term for a space of the kind. */
        public long periodFen(SpaceKind kind, Term term) {
            return fen.get(term).get(kind);
        }
    }

    /** Visitor parking: free minutes, then an hourly rate (each hour begun counts), capped per day. */
    record VisitorParking(int freeMinutes, long hourlyFen, long dailyCapFen) implements Tariff {

        public VisitorParking {
            nonNegative("freeMinutes", freeMinutes);
            nonNegative("hourlyFen", hourlyFen);
            nonNegative("dailyCapFen", dailyCapFen);
        }
    }

    /** Property service fee per m² of private area per month. */
    record PropertyFee(long perSquareMetreMonthFen) implements Tariff {

        public PropertyFee {
            nonNegative("perSquareMetreMonthFen", perSquareMetreMonthFen);
        }

        /** Returns one month's fee for a private area, rounded half up. */
        public long monthFen(BigDecimal privateAreaSquareMetres) {
            return Fen.times(perSquareMetreMonthFen, privateAreaSquareMetres);
        }
    }

    /** One tier's rates per kWh. */
    record TierRate(long electricityFen, long serviceFen) {

        public TierRate {
            nonNegative("electricityFen", electricityFen);
            nonNegative("serviceFen", serviceFen);
        }

        /** Returns what one kWh costs in this tier. */
        public long perKwhFen() {
            return electricityFen + serviceFen;
        }
    }

    /**
     * EV charging on time-of-use tiers: four tiers with electricity and service rates per kWh, and
     * the day as 48 half-hour slots (local time), each naming its tier.
     */
    record EvTimeOfUse(Map<Tier, TierRate> tiers, List<Tier> slots) implements Tariff {

        /** Half-hour slots in a day. */
        public static final int SLOTS = 48;

        public EvTimeOfUse {
            for (Tier tier : Tier.values()) {
                if (!tiers.containsKey(tier)) {
                    throw field("tiers." + tier.wireName(), "is required");
                }
            }
            if (slots.size() != SLOTS) {
                throw field("slots", "must have exactly " + SLOTS + " half-hour entries, has " + slots.size());
            }
            tiers = Map.copyOf(tiers);
            slots = List.copyOf(slots);
        }

        /** Returns the tier of the half hour that contains the local time. */
        public Tier tierAt(LocalTime time) {
            return slots.get(time.toSecondOfDay() / 1800);
        }
    }

    /** Parcel locker overdue fee: free hours, then a fee per period begun, capped. */
    record ParcelOverdue(int freeHours, int periodHours, long feePerPeriodFen, long capFen) implements Tariff {

        public ParcelOverdue {
            nonNegative("freeHours", freeHours);
            if (periodHours < 1) {
                throw field("periodHours", "must be at least 1, was " + periodHours);
            }
            nonNegative("feePerPeriodFen", feePerPeriodFen);
            nonNegative("capFen", capFen);
        }

        /**
         * Returns the fee, in whole fen, of a parcel stored this long: nothing within the free hours;
         * then every period begun (one millisecond over is a whole period) costs the period's fee,
         * and the whole fee never exceeds the cap. With DOMAIN.md's example (free 24 h, 50 fen per
         * 12 h, cap 300 fen): 24 h 1 min owes 50, 36 h 1 min 100, four days 300.
         */
        public long feeFen(java.time.Duration stored) {
            long overMillis = stored.toMillis() - java.time.Duration.ofHours(freeHours).toMillis();
            if (overMillis <= 0 || feePerPeriodFen == 0) {
                return 0;
            }
            long periodMillis = java.time.Duration.ofHours(periodHours).toMillis();
            long periods = (overMillis + periodMillis - 1) / periodMillis;
            // past the cap already: no product that could overflow
            return periods > capFen / feePerPeriodFen ? capFen : Math.min(capFen, periods * feePerPeriodFen);
        }
    }

    /**
     * Late fee on an overdue invoice: a daily rate of the overdue amount, capped at a share of it;
     * both in basis points (1 bp = 0.01 % = 万分之一).
     */
    record LateFee(int dailyRateBasisPoints, int capBasisPoints) implements Tariff {

        public LateFee {
            nonNegative("dailyRateBasisPoints", dailyRateBasisPoints);
            nonNegative("capBasisPoints", capBasisPoints);
        }

        /** Returns the late fee of an amount overdue for some days: per line half up, then capped. */
        public long feeFen(long overdueFen, long daysOverdue) {
            if (daysOverdue <= 0) {
                return 0;
            }
            long fee = Fen.share(overdueFen, (long) dailyRateBasisPoints * daysOverdue, 10_000);
            return Math.min(fee, Fen.share(overdueFen, capBasisPoints, 10_000));
        }
    }

    private static void nonNegative(String name, long value) {
        if (value < 0) {
            throw field(name, "must not be negative, was " + value);
        }
    }

    private static ClientError field(String name, String problem) {
        return ClientError.badRequest("body." + name + " " + problem);
    }
}
