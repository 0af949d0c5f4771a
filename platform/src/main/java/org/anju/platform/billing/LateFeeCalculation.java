package org.anju.platform.billing;

import java.time.LocalDate;
import java.util.List;

import org.anju.platform.ledger.Fen;

/**
 * The late fee of one invoice over one accrual window (pure): for each day after the due day, the
 * amount still open that day × the daily rate; the sum rounded half up to a whole fen (one line per
 * invoice and window), then capped by what the cap leaves after the fees charged in earlier windows.
 * The due day itself is not late; a reduction (payment, credit note) counts from its own day on.
 */
public final class LateFeeCalculation {

    private LateFeeCalculation() {
    }

    /** A payment or credit note that lowers the open amount from {@code on} (inclusive). */
    public record Reduction(LocalDate on, long fen) {
    }

    /**
     * Returns the fee in fen.
     *
     * @param baseFen          the invoice's amount that bears late fees (its lines but late fees)
     * @param dueOn            the due day (not late itself)
     * @param reductions       what lowered the open amount, and from which day
     * @param from             the window's first day
     * @param until            the day after the window
     * @param dailyBasisPoints the daily rate (5 = 0.05 % a day)
     * @param capFen           the most all windows' fees of the invoice may add up to
     * @param chargedFen       the fees of the invoice charged in earlier windows
     */
    public static long feeFen(long baseFen, LocalDate dueOn, List<Reduction> reductions, LocalDate from,
            LocalDate until, int dailyBasisPoints, long capFen, long chargedFen) {
        long openFenDays = 0;
        LocalDate first = from.isAfter(dueOn) ? from : dueOn.plusDays(1);
        for (LocalDate day = first; day.isBefore(until); day = day.plusDays(1)) {
            LocalDate d = day;
            long reduced = reductions.stream().filter(r -> !r.on().isAfter(d)).mapToLong(Reduction::fen).sum();
            openFenDays += Math.max(0, baseFen - reduced);
        }
        long fee = Fen.share(openFenDays, dailyBasisPoints, 10_000);
        return Math.max(0, Math.min(fee, capFen - chargedFen));
    }
}
