package org.anju.platform.fund;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of the maintenance fund, in integer fen and 0.01 m² (never floating point):
 * first deposits by area, expenses shared by area with the largest-remainder method (the shares
 * add up to the expense to the fen), and the replenishment threshold.
 */
public final class FundMath {

    /** The default replenishment threshold: 30 % of the first deposit ({@code DOMAIN.md}). */
    public static final int DEFAULT_REPLENISHMENT_PERCENT = 30;

    private FundMath() {
    }

    /**
     * Returns the first deposit of a household: the rate per m² times its private area, rounded
     * half-up to the fen (the ledger's one rounding rule: per line, half-up, in fen).
     */
    public static long firstDeposit(long rateFenPerSquareMetre, long areaCenti) {
        if (rateFenPerSquareMetre < 0 || areaCenti <= 0) {
            throw new IllegalArgumentException("rate must be ≥ 0 and area > 0: " + rateFenPerSquareMetre + ", "
                    + areaCenti);
        }
        long hundredths = Math.multiplyExact(rateFenPerSquareMetre, areaCenti);
        return hundredths / 100 + (hundredths % 100 >= 50 ? 1 : 0);
    }

    /**
     * Shares an expense among households by private area with the largest-remainder (Hamilton)
     * method: each gets the whole fen of {@code amount × area / total}, and the fen left over go one
     * each to the largest remainders; equal remainders go to the larger area, then the lower
     * household id, so the result never depends on the order given.
     *
     * @return each household's share by id, in the order given; the shares add up to {@code amountFen}
     * @throws IllegalArgumentException for a negative amount, no household or one listed twice
     */
    public static Map<Long, Long> shareByArea(long amountFen, List<AreaShare> households) {
        if (amountFen < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amountFen);
        }
        if (households.isEmpty()) {
            throw new IllegalArgumentException("no household to share among");
        }
        long total = 0;
        for (AreaShare h : households) {
            total = Math.addExact(total, h.areaCenti());
        }
        Map<Long, Long> shares = new LinkedHashMap<>();
        List<long[]> remainders = new ArrayList<>(households.size());
        long given = 0;
        for (AreaShare h : households) {
            long product = Math.multiplyExact(amountFen, h.areaCenti());
            if (shares.put(h.householdId(), product / total) != null) {
                throw new IllegalArgumentException("household " + h.householdId() + " listed twice");
            }
            given += product / total;
            remainders.add(new long[] {product % total, h.areaCenti(), h.householdId()});
        }
        remainders.sort(Comparator.<long[]>comparingLong(r -> -r[0]).thenComparingLong(r -> -r[1])
                .thenComparingLong(r -> r[2]));
        // fewer fen are left over than there are households, since each remainder is below one fen
        for (int i = 0; i < amountFen - given; i++) {
            shares.merge(remainders.get(i)[2], 1L, Long::sum);
        }
        return shares;
    }

    /**
     * Returns whether a balance is below the replenishment threshold: {@code percent} % of the
     * first deposit (续筹 is due below it, not at it).
     */
    public static boolean belowThreshold(long balanceFen, long firstDepositFen, int percent) {
        return Math.multiplyExact(balanceFen, 100L) < Math.multiplyExact(firstDepositFen, (long) percent);
    }

    /**
     * Returns whether a change of balance crosses the threshold downwards: a replenishment notice
     * is due once per crossing, not at every expense below it.
     */
    public static boolean crossedBelow(long beforeFen, long afterFen, long firstDepositFen, int percent) {
        return !belowThreshold(beforeFen, firstDepositFen, percent) && belowThreshold(afterFen, firstDepositFen, percent);
    }
}
