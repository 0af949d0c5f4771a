package org.anju.platform.votes;

import java.util.Collection;
import java.util.Map;

/**
 * The count of a motion (Civil Code art. 278), weighted by private area and counted by head
 * (one owner per household), in exact integers.
 * <p>
 * Quorum: the participating households hold at least 2/3 of the electorate's private area
 * <em>and</em> are at least 2/3 of its households. Then consent ({@link Choice#YES}) must reach
 * the kind's {@link Majority} of the participating area <em>and</em> of the participating
 * households. Abstentions participate and do not consent.
 *
 * @param totalAreaCenti         the electorate's private area, 0.01 m²
 * @param totalOwners            the electorate's households
 * @param participatingAreaCenti area of the households that cast a ballot (yes, no or abstain)
 * @param participatingOwners    households that cast a ballot
 */
public record Tally(long totalAreaCenti, long totalOwners, long participatingAreaCenti, long participatingOwners,
        long yesAreaCenti, long yesOwners, long noAreaCenti, long noOwners, long abstainAreaCenti,
        long abstainOwners) {

    private static final long QUORUM_NUM = 2;
    private static final long QUORUM_DEN = 3;

    /**
     * Counts the ballots of an electorate; a ballot of a household outside the electorate is a
     * programmer's error (the store refuses those).
     *
     * @param ballots the choice of each household that voted, by household id
     */
    public static Tally count(Collection<Voter> electorate, Map<Long, Choice> ballots) {
        long totalArea = 0;
        long[] area = new long[Choice.values().length];
        long[] heads = new long[Choice.values().length];
        int matched = 0;
        for (Voter voter : electorate) {
            totalArea = Math.addExact(totalArea, voter.areaCenti());
            Choice choice = ballots.get(voter.householdId());
            if (choice != null) {
                area[choice.ordinal()] = Math.addExact(area[choice.ordinal()], voter.areaCenti());
                heads[choice.ordinal()]++;
                matched++;
            }
        }
        if (matched != ballots.size()) {
            throw new IllegalArgumentException("ballots of households outside the electorate: "
                    + (ballots.size() - matched));
        }
        int yes = Choice.YES.ordinal();
        int no = Choice.NO.ordinal();
        int abstain = Choice.ABSTAIN.ordinal();
        return new Tally(totalArea, electorate.size(), area[yes] + area[no] + area[abstain], matched,
                area[yes], heads[yes], area[no], heads[no], area[abstain], heads[abstain]);
    }

    /** Returns whether owners of ≥ 2/3 of the area who are ≥ 2/3 of the owners took part. */
    public boolean quorumMet() {
        return Shares.atLeast(participatingAreaCenti, totalAreaCenti, QUORUM_NUM, QUORUM_DEN)
                && Shares.atLeast(participatingOwners, totalOwners, QUORUM_NUM, QUORUM_DEN);
    }

    /** Returns whether consent reaches the majority in participating area and in participating owners. */
    public boolean consented(Majority majority) {
        return majority.reachedBy(yesAreaCenti, participatingAreaCenti)
                && majority.reachedBy(yesOwners, participatingOwners);
    }

    /** Returns how a motion of this kind ends with this count. */
    public Outcome outcome(MotionKind kind) {
        if (!quorumMet()) {
            return Outcome.NO_QUORUM;
        }
        return consented(kind.majority()) ? Outcome.APPROVED : Outcome.REJECTED;
    }
}
