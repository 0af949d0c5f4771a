package org.anju.platform.fund;

import java.time.Instant;
import java.util.List;

/**
 * What the fund API answers.
 */
public final class FundViews {

    private FundViews() {
    }

    /**
     * A community's fund settings.
     *
     * @param replenishmentPercent a replenishment notice is due when a household's balance falls
     *                             below this share of its first deposit
     */
    public record Settings(String communityId, long firstDepositFenPerM2, int replenishmentPercent) {
    }

    /**
     * A household's fund account.
     *
     * @param balanceFen     its share of the fund now, from the ledger
     * @param belowThreshold whether a replenishment (续筹) is due
     */
    public record Household(long householdId, String communityId, long firstDepositFen, long balanceFen,
            boolean belowThreshold) {
    }

    /** An expense, what justified it and how it was shared. */
    public record Expense(long id, String communityId, String reference, long amountFen, String description,
            Long motionId, String emergency, Long alertId, String recordedBy, Instant recordedAt,
            List<Share> shares) {
    }

    /** One household's share of an expense. */
    public record Share(long householdId, long amountFen) {
    }

    /** The first deposits collected by one call: households newly in the fund and their total. */
    public record FirstDeposits(int households, long totalFen) {
    }

    /**
     * A community's fund statement: settings, every household's account, the total, and the latest
     * expenses (newest first, at most {@value FundStore#STATEMENT_EXPENSES}).
     */
    public record Statement(Settings settings, long totalFen, List<Household> households, List<Expense> expenses) {
    }
}
