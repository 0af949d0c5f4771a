package org.anju.platform.votes;

import java.math.BigDecimal;

/**
 * A count as the API shows it: areas in m² with two decimals (exact), owners by head.
 *
 * @param outcome {@code approved}, {@code rejected} or {@code no_quorum}; for a running count,
 *                what the result would be if voting ended now
 * @param frozen  whether this is the motion's final result
 */
public record TallyView(BigDecimal totalAreaM2, long totalOwners, BigDecimal participatingAreaM2,
        long participatingOwners, BigDecimal yesAreaM2, long yesOwners, BigDecimal noAreaM2, long noOwners,
        BigDecimal abstainAreaM2, long abstainOwners, boolean quorumMet, String outcome, boolean frozen) {

    static TallyView of(Tally t, Outcome outcome, boolean frozen) {
        return new TallyView(m2(t.totalAreaCenti()), t.totalOwners(), m2(t.participatingAreaCenti()),
                t.participatingOwners(), m2(t.yesAreaCenti()), t.yesOwners(), m2(t.noAreaCenti()), t.noOwners(),
                m2(t.abstainAreaCenti()), t.abstainOwners(), t.quorumMet(), outcome.wireName(), frozen);
    }

    private static BigDecimal m2(long centi) {
        return BigDecimal.valueOf(centi, 2);
    }
}
