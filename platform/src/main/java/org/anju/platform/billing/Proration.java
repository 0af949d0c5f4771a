package org.anju.platform.billing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.anju.platform.ledger.Fen;

/**
 * Proration by days: the share of a period's amount for the days of the period that are used,
 * rounded half up to a whole fen ({@link Fen#share}). Periods are half-open local date ranges
 * {@code [start, end)}; a period's days are its calendar days, so a February period has 28 or 29
 * and a quarter 90 to 92.
 */
public final class Proration {

    private Proration() {
    }

    /**
     * Returns the amount for the days of {@code [start, end)} that fall within {@code [from, until)}.
     *
     * @throws IllegalArgumentException when the period is empty
     */
    public static long usedFen(long periodFen, LocalDate start, LocalDate end, LocalDate from, LocalDate until) {
        long days = ChronoUnit.DAYS.between(start, end);
        if (days <= 0) {
            throw new IllegalArgumentException("empty period " + start + " to " + end);
        }
        LocalDate a = from.isAfter(start) ? from : start;
        LocalDate b = until.isBefore(end) ? until : end;
        long used = Math.max(0, ChronoUnit.DAYS.between(a, b));
        return used == days ? periodFen : Fen.share(periodFen, used, days);
    }

    /**
     * Returns what is given back of a period billed whole when it ends early on {@code until}
     * (exclusive): the period's amount less the used share, so that used + refund = amount exactly.
     */
    public static long refundFen(long periodFen, LocalDate start, LocalDate end, LocalDate until) {
        return periodFen - usedFen(periodFen, start, end, start, until);
    }

    /** Returns the start of the {@code index}-th period (0 first) of a term from {@code first}, counted from the first so month ends do not drift. */
    public static LocalDate periodStart(LocalDate first, Term term, int index) {
        return first.plusMonths((long) term.months() * index);
    }
}
