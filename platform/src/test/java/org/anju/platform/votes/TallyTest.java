package org.anju.platform.votes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The count of Civil Code art. 278 at its exact boundaries: quorum at exactly 2/3 of area and
 * owners and just below either, special majorities at exactly 3/4 and just below, ordinary ones at
 * exactly 1/2 (not "more than half") and just above, and abstentions that take part without
 * consenting. Areas are in 0.01 m².
 */
class TallyTest {

    @Test
    void quorumIsMetAtExactlyTwoThirdsOfAreaAndOwners() {
        // GIVEN three households of 100.00 m²; WHEN two of them vote
        Tally tally = tally(areas(10_000, 10_000, 10_000), votes(Choice.YES, Choice.YES, null));

        // THEN 20000/30000 and 2/3 are exactly two thirds
        assertThat(tally.participatingAreaCenti()).isEqualTo(20_000);
        assertThat(tally.participatingOwners()).isEqualTo(2);
        assertThat(tally.quorumMet()).isTrue();
        assertThat(tally.outcome(MotionKind.FUND_USE)).isEqualTo(Outcome.APPROVED);
    }

    @Test
    void oneHundredthOfASquareMetreBelowTwoThirdsOfTheAreaIsNoQuorum() {
        // 20000 / 30001 < 2/3 although two of three owners (exactly 2/3) took part
        Tally tally = tally(areas(10_000, 10_000, 10_001), votes(Choice.YES, Choice.YES, null));

        assertThat(tally.quorumMet()).isFalse();
        assertThat(tally.outcome(MotionKind.OTHER)).isEqualTo(Outcome.NO_QUORUM);
    }

    @Test
    void twoThirdsOfTheAreaButFewerThanTwoThirdsOfTheOwnersIsNoQuorum() {
        // 310.00 of 330.00 m² take part, but only 2 of 4 owners
        Tally tally = tally(areas(30_000, 1_000, 1_000, 1_000), votes(Choice.YES, Choice.YES, null, null));

        assertThat(Shares.atLeast(tally.participatingAreaCenti(), tally.totalAreaCenti(), 2, 3)).isTrue();
        assertThat(tally.outcome(MotionKind.FUND_USE)).isEqualTo(Outcome.NO_QUORUM);
    }

    @Test
    void specialMattersPassAtExactlyThreeQuartersOfAreaAndOwners() {
        Tally tally = tally(areas(10_000, 10_000, 10_000, 10_000), votes(Choice.YES, Choice.YES, Choice.YES, Choice.NO));

        for (MotionKind special : List.of(MotionKind.FUND_RAISING, MotionKind.REBUILDING,
                MotionKind.COMMON_PARTS_BUSINESS)) {
            assertThat(tally.outcome(special)).as(special.wireName()).isEqualTo(Outcome.APPROVED);
        }
    }

    @Test
    void specialMattersFailJustBelowThreeQuartersOfTheArea() {
        // 30000 / 40001 < 3/4 although 3 of 4 owners (exactly 3/4) consent
        Tally tally = tally(areas(10_000, 10_000, 10_000, 10_001), votes(Choice.YES, Choice.YES, Choice.YES, Choice.NO));

        assertThat(tally.outcome(MotionKind.FUND_RAISING)).isEqualTo(Outcome.REJECTED);
        assertThat(tally.outcome(MotionKind.FUND_USE)).as("an ordinary matter needs only more than half")
                .isEqualTo(Outcome.APPROVED);
    }

    @Test
    void specialMattersFailJustBelowThreeQuartersOfTheOwners() {
        // 5 owners, 3 consent (3/5 < 3/4) with 90 % of the area
        Tally tally = tally(areas(30_000, 30_000, 30_000, 5_000, 5_000),
                votes(Choice.YES, Choice.YES, Choice.YES, Choice.NO, Choice.NO));

        assertThat(Majority.THREE_QUARTERS.reachedBy(tally.yesAreaCenti(), tally.participatingAreaCenti())).isTrue();
        assertThat(tally.outcome(MotionKind.REBUILDING)).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void exactlyHalfIsNotMoreThanHalf() {
        Tally tally = tally(areas(10_000, 10_000, 10_000, 10_000), votes(Choice.YES, Choice.YES, Choice.NO, Choice.NO));

        assertThat(tally.outcome(MotionKind.FUND_USE)).isEqualTo(Outcome.REJECTED);
        assertThat(tally.outcome(MotionKind.OTHER)).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void moreThanHalfOfTheAreaNeedsMoreThanHalfOfTheOwnersToo() {
        // 20001 / 40001 is more than half the area, 2 of 4 owners exactly half
        List<Voter> electorate = areas(10_000, 10_001, 10_000, 10_000);
        Tally half = tally(electorate, votes(Choice.YES, Choice.YES, Choice.NO, Choice.NO));
        Tally more = tally(electorate, votes(Choice.YES, Choice.YES, Choice.YES, Choice.NO));

        assertThat(Majority.MORE_THAN_HALF.reachedBy(half.yesAreaCenti(), half.participatingAreaCenti())).isTrue();
        assertThat(half.outcome(MotionKind.FUND_USE)).isEqualTo(Outcome.REJECTED);
        assertThat(more.outcome(MotionKind.FUND_USE)).isEqualTo(Outcome.APPROVED);
    }

    @Test
    void abstentionsTakePartButDoNotConsent() {
        // GIVEN four equal households, two for, one against, one abstaining
        Tally tally = tally(areas(10_000, 10_000, 10_000, 10_000),
                votes(Choice.YES, Choice.YES, Choice.NO, Choice.ABSTAIN));

        // THEN all four take part (quorum), and 2 of 4 is not more than half
        assertThat(tally.participatingOwners()).isEqualTo(4);
        assertThat(tally.abstainAreaCenti()).isEqualTo(10_000);
        assertThat(tally.quorumMet()).isTrue();
        assertThat(tally.outcome(MotionKind.FUND_USE)).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void abstentionsCountTowardsTheQuorum() {
        Tally tally = tally(areas(10_000, 10_000, 10_000), votes(Choice.YES, Choice.ABSTAIN, null));

        assertThat(tally.quorumMet()).isTrue();
        assertThat(tally.outcome(MotionKind.OTHER)).as("1 of 2 participating is only half").isEqualTo(Outcome.REJECTED);
    }

    @Test
    void nobodyVotingIsNoQuorumAndNoConsent() {
        Tally tally = tally(areas(10_000, 10_000), votes(null, null));

        assertThat(tally.outcome(MotionKind.OTHER)).isEqualTo(Outcome.NO_QUORUM);
        assertThat(tally.consented(Majority.MORE_THAN_HALF)).isFalse();
    }

    @Test
    void aBallotOfAHouseholdOutsideTheElectorateIsRefused() {
        assertThatThrownBy(() -> Tally.count(areas(10_000), Map.of(1L, Choice.YES, 99L, Choice.NO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the electorate");
    }

    @Test
    void aHouseholdWithoutAreaCannotBeAVoter() {
        assertThatThrownBy(() -> new Voter(1, 0, Set.of("olga"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Households 1..n with these areas. */
    private static List<Voter> areas(long... areaCenti) {
        List<Voter> voters = new ArrayList<>();
        for (int i = 0; i < areaCenti.length; i++) {
            voters.add(new Voter(i + 1, areaCenti[i], Set.of("owner-" + (i + 1))));
        }
        return voters;
    }

    /** The choice of households 1..n, null for none. */
    private static Map<Long, Choice> votes(Choice... choices) {
        Map<Long, Choice> ballots = new HashMap<>();
        for (int i = 0; i < choices.length; i++) {
            if (choices[i] != null) {
                ballots.put((long) i + 1, choices[i]);
            }
        }
        return ballots;
    }

    private static Tally tally(List<Voter> electorate, Map<Long, Choice> ballots) {
        return Tally.count(electorate, ballots);
    }
}
