package org.anju.platform.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The scheduled monthly billing run ({@code billing.monthlyRun.*} in {@code anju-defaults.yaml};
 * {@link MonthlyRunJob}).
 *
 * @param enabled       whether the platform bills on its own; off by default, because a run bills for
 *                      real: a property company turns it on once its tariffs and contracts are set up
 * @param dayOfMonth    the day of the month (1 to 28, so that every month has it) the run is due
 * @param at            the local time ({@code billing.zone}) on that day from which the run is due
 * @param checkInterval how often the job looks whether the month's run is due and which communities
 *                      still need it
 */
public record MonthlyRunSettings(boolean enabled, int dayOfMonth, LocalTime at, Duration checkInterval) {

    /** The defaults of {@code anju-defaults.yaml}: off, else due on the 1st at 02:00, checked every 10 minutes. */
    public static final MonthlyRunSettings DISABLED = new MonthlyRunSettings(false, 1, LocalTime.of(2, 0),
            Duration.ofMinutes(10));

    public MonthlyRunSettings {
        Objects.requireNonNull(at, "at");
        if (dayOfMonth < 1 || dayOfMonth > 28) {
            throw new IllegalArgumentException("dayOfMonth " + dayOfMonth + " is not between 1 and 28");
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval " + checkInterval + " is not positive");
        }
    }

    /** Returns the instant from which the run of {@code month} is due, in the billing zone. */
    public Instant dueAt(YearMonth month, ZoneId zone) {
        return month.atDay(dayOfMonth).atTime(at).atZone(zone).toInstant();
    }
}
