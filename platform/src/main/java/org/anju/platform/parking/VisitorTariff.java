package org.anju.platform.parking;

import java.time.Duration;

/**
 * The visitor (temporary) parking tariff of a community and the one rule that prices a stay.
 * <p>
 * The rule, in whole fen and without rounding:
 * <ol>
 * <li>a stay of at most {@code freeMinutes} is free; a longer one is charged from its entry (the
 * free minutes are a grace period, not deducted);</li>
 * <li>the stay is cut into 24-hour periods counted from the entry (not calendar days: a night from
 * 22:00 to 02:00 is one period of 4 hours); each whole period costs {@code dailyCapFen};</li>
 * <li>the rest costs {@code hourlyRateFen} per started hour (60 min 1 s are two hours), at most
 * {@code dailyCapFen}.</li>
 * </ol>
 *
 * @param freeMinutes    minutes of grace, ≥ 0
 * @param hourlyRateFen  fen per started hour, ≥ 0
 * @param dailyCapFen    the most one 24-hour period costs, ≥ 0
 */
public record VisitorTariff(int freeMinutes, long hourlyRateFen, long dailyCapFen) {

    private static final long HOUR_S = 3600;
    private static final long PERIOD_S = 24 * HOUR_S;

    public VisitorTariff {
        if (freeMinutes < 0 || hourlyRateFen < 0 || dailyCapFen < 0) {
            throw new IllegalArgumentException("visitor tariff figures must not be negative: " + freeMinutes + ", "
                    + hourlyRateFen + ", " + dailyCapFen);
        }
    }

    /** Returns the charge in fen of a stay that lasted {@code stay} (negative stays cost nothing). */
    public long charge(Duration stay) {
        long seconds = stay.getSeconds() + (stay.getNano() > 0 ? 1 : 0);
        if (seconds <= freeMinutes * 60L) {
            return 0;
        }
        long periods = seconds / PERIOD_S;
        long rest = seconds % PERIOD_S;
        long startedHours = (rest + HOUR_S - 1) / HOUR_S;
        return Math.addExact(Math.multiplyExact(periods, dailyCapFen),
                Math.min(dailyCapFen, Math.multiplyExact(startedHours, hourlyRateFen)));
    }
}
