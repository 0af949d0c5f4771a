package org.anju.platform.parcels;

import java.time.Duration;
import java.time.Instant;

/**
 * The overdue fee of a parcel, in whole fen (DOMAIN.md "Smart parcel lockers"): storage is free
 * until {@code freeUntil}; then every period begun costs {@code feePerPeriodFen}, and the whole
 * fee never exceeds {@code capFen}. With the defaults (free 24 h, 50 fen per 12 h, cap 300 fen) a
 * parcel collected 24 h 1 min after its deposit owes 50 fen, after 36 h 1 min 100 fen, after four
 * days 300 fen. Pure.
 */
public final class ParcelFee {

    private ParcelFee() {
    }

    /**
     * Returns the fee of a parcel stored until {@code until}.
     *
     * @param periodHours     the length of a charged period, ≥ 1
     * @param feePerPeriodFen the fee of each period begun, ≥ 0
     * @param capFen          the most a parcel ever owes, ≥ 0
     */
    public static long feeFen(Instant freeUntil, Instant until, int periodHours, long feePerPeriodFen, long capFen) {
        if (periodHours < 1 || feePerPeriodFen < 0 || capFen < 0) {
            throw new IllegalArgumentException("period " + periodHours + " h, fee " + feePerPeriodFen + " fen, cap "
                    + capFen + " fen: the period must be at least 1 h and the amounts not negative");
        }
        if (!until.isAfter(freeUntil) || feePerPeriodFen == 0) {
            return 0;
        }
        long overMillis = Duration.between(freeUntil, until).toMillis();
        long periodMillis = Duration.ofHours(periodHours).toMillis();
        // a period begun is a period charged: one millisecond over the free time costs a whole period
        long periods = (overMillis + periodMillis - 1) / periodMillis;
        // past the cap already: no product that could overflow
        if (periods > capFen / feePerPeriodFen) {
            return capFen;
        }
        return Math.min(capFen, periods * feePerPeriodFen);
    }
}
