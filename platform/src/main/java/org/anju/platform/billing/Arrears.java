package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.anju.platform.storage.UnitOfWork;

/**
 * Arrears aging: what each household of a community owes on invoices past their due day, in buckets
 * of days past due (1–30, 31–60, 61–90, over 90; the due day itself is not past due).
 */
public final class Arrears {

    private Arrears() {
    }

    /** Fen owed by days past due. */
    public record Aging(long upTo30DaysFen, long days31To60Fen, long days61To90Fen, long over90DaysFen) {

        static final Aging NONE = new Aging(0, 0, 0, 0);

        /** Returns the sum of the buckets. */
        public long totalFen() {
            return upTo30DaysFen + days31To60Fen + days61To90Fen + over90DaysFen;
        }

        Aging plus(long daysPastDue, long fen) {
            return new Aging(upTo30DaysFen + (daysPastDue <= 30 ? fen : 0),
                    days31To60Fen + (daysPastDue > 30 && daysPastDue <= 60 ? fen : 0),
                    days61To90Fen + (daysPastDue > 60 && daysPastDue <= 90 ? fen : 0),
                    over90DaysFen + (daysPastDue > 90 ? fen : 0));
        }

        Aging plus(Aging other) {
            return new Aging(upTo30DaysFen + other.upTo30DaysFen, days31To60Fen + other.days31To60Fen,
                    days61To90Fen + other.days61To90Fen, over90DaysFen + other.over90DaysFen);
        }
    }

    /** A household in arrears: its aging, its overdue invoices with something owed, the oldest due day. */
    public record Household(long householdId, Aging aging, long owedFen, List<Long> invoiceIds, LocalDate oldestDueOn) {
    }

    /** A community's arrears on a day: the totals and each household in arrears, by household. */
    public record Community(String communityId, LocalDate asOf, Aging totals, long owedFen, List<Household> households) {
    }

    /** Returns the community's arrears on {@code today}. */
    public static Community of(UnitOfWork.Tx tx, PaidAmounts paid, String communityId, LocalDate today)
            throws SQLException {
        record Due(long id, long household, LocalDate dueOn) {
        }
        List<Due> due = tx.query("SELECT id, household_id, due_on FROM invoices WHERE community_id = ? "
                + "AND kind = 'invoice' AND due_on < ? ORDER BY household_id, due_on, id",
                rs -> new Due(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate()), communityId, Date.valueOf(today));
        Map<Long, Owed.Balance> balances = Owed.of(tx, paid, due.stream().map(Due::id).toList());
        Map<Long, Household> households = new TreeMap<>();
        for (Due d : due) {
            long owed = balances.get(d.id()).owedFen();
            if (owed == 0) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(d.dueOn(), today);
            Household h = households.get(d.household());
            List<Long> ids = new ArrayList<>(h == null ? List.of() : h.invoiceIds());
            ids.add(d.id());
            households.put(d.household(), new Household(d.household(), (h == null ? Aging.NONE : h.aging()).plus(days, owed),
                    (h == null ? 0 : h.owedFen()) + owed, List.copyOf(ids), h == null ? d.dueOn() : h.oldestDueOn()));
        }
        Aging totals = households.values().stream().map(Household::aging).reduce(Aging.NONE, Aging::plus);
        return new Community(communityId, today, totals, totals.totalFen(), List.copyOf(households.values()));
    }
}
