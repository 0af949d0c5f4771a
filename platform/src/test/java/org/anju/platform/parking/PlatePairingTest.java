package org.anju.platform.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.anju.protocol.catalogue.camera.LaneDirection;

class PlatePairingTest {

    private static final PlatePairing PAIRING = new PlatePairing(new PairingSettings(0.8, Duration.ofHours(72)));
    // 30 free minutes, 5 CNY per started hour, 30 CNY per 24 hours
    private static final VisitorTariff TARIFF = new VisitorTariff(30, 500, 3000);
    private static long nextId = 1;

    @Test
    void entryAndExitOfAPlatePairIntoAVisit() {
        GateRead in = read("京A12345", LaneDirection.IN, "2026-12-01T10:00:00+08:00", 0.95);
        GateRead out = read("京A12345", LaneDirection.OUT, "2026-12-01T12:10:00+08:00", 0.91);

        PlatePairing.Result r = PAIRING.pair(List.of(), List.of(out, in), at("2026-12-01T13:00:00+08:00"));

        assertThat(r.visits()).containsExactly(new PlatePairing.Pair(in, out));
        assertThat(r.reviews()).isEmpty();
        assertThat(r.stillOpen()).isEmpty();
    }

    @Test
    void anEntryOfAnEarlierRunPairsWithALaterExitAndNoLongerWaits() {
        GateRead in = read("粤BD12345", LaneDirection.IN, "2026-12-01T10:00:00+08:00", 0.95);
        GateRead out = read("粤BD12345", LaneDirection.OUT, "2026-12-01T11:00:00+08:00", 0.95);
        GateRead other = read("京B00001", LaneDirection.IN, "2026-12-01T10:30:00+08:00", 0.95);

        PlatePairing.Result r = PAIRING.pair(List.of(in), List.of(out, other), at("2026-12-01T11:00:00+08:00"));

        assertThat(r.visits()).containsExactly(new PlatePairing.Pair(in, out));
        assertThat(r.stillOpen()).containsExactly(other);
        assertThat(r.closedOpen()).containsExactly(in.eventId());
    }

    @Test
    void missedReadsGoToReviewAndDoNotCloseAVisit() {
        GateRead in = read("京A12345", LaneDirection.IN, "2026-12-01T10:00:00+08:00", 0.95);
        GateRead unreadable = read(null, LaneDirection.OUT, "2026-12-01T11:00:00+08:00", 0);

        PlatePairing.Result r = PAIRING.pair(List.of(), List.of(in, unreadable), at("2026-12-01T11:00:00+08:00"));

        assertThat(r.visits()).isEmpty();
        assertThat(r.reviews()).singleElement().satisfies(review -> {
            assertThat(review.reason()).isEqualTo(ReviewReason.MISSED_READ);
            assertThat(review.evidence()).containsExactly(unreadable);
        });
        assertThat(r.stillOpen()).containsExactly(in);
    }

    @Test
    void readsBelowTheConfidenceThresholdGoToReviewAndPairNothing() {
        GateRead in = read("京A12345", LaneDirection.IN, "2026-12-01T10:00:00+08:00", 0.79);
        GateRead out = read("京A12345", LaneDirection.OUT, "2026-12-01T11:00:00+08:00", 0.8);

        PlatePairing.Result r = PAIRING.pair(List.of(), List.of(in, out), at("2026-12-01T11:00:00+08:00"));

        // the entry at 0.79 is refused, so the exit at exactly the threshold has nothing to close
        assertThat(r.reviews()).extracting(PlatePairing.Review::reason)
                .containsExactly(ReviewReason.LOW_CONFIDENCE, ReviewReason.EXIT_WITHOUT_ENTRY);
        assertThat(r.visits()).isEmpty();
    }

    @Test
    void anExitWithoutEntryGoesToReview() {
        GateRead out = read("京A12345", LaneDirection.OUT, "2026-12-01T11:00:00+08:00", 0.95);

        PlatePairing.Result r = PAIRING.pair(List.of(), List.of(out), at("2026-12-01T11:00:00+08:00"));

        assertThat(r.reviews()).singleElement().satisfies(review -> {
            assertThat(review.reason()).isEqualTo(ReviewReason.EXIT_WITHOUT_ENTRY);
            assertThat(review.plate()).isEqualTo("京A12345");
        });
        assertThat(r.visits()).isEmpty();
    }

    @Test
    void twoEntriesWithoutExitAreTailgatingTheNewerEntryWaits() {
        GateRead first = read("京A12345", LaneDirection.IN, "2026-12-01T10:00:00+08:00", 0.95);
        GateRead second = read("京A12345", LaneDirection.IN, "2026-12-01T10:00:04+08:00", 0.95);
        GateRead out = read("京A12345", LaneDirection.OUT, "2026-12-01T12:00:00+08:00", 0.95);

        PlatePairing.Result r = PAIRING.pair(List.of(), List.of(first, second, out), at("2026-12-01T12:00:00+08:00"));

        assertThat(r.reviews()).singleElement().satisfies(review -> {
            assertThat(review.reason()).isEqualTo(ReviewReason.DOUBLE_ENTRY);
            assertThat(review.evidence()).containsExactly(first, second);
        });
        assertThat(r.visits()).containsExactly(new PlatePairing.Pair(second, out));
    }

    @Test
    void anExitInAnotherCarParkGoesToReviewWithItsEntry() {
        GateRead in = read("京A12345", LaneDirection.IN, "2026-12-01T10:00:00+08:00", 0.95);
        GateRead out = new GateRead(nextId++, "cam-2", "underground-b", at("2026-12-01T11:00:00+08:00"), "京A12345",
                LaneDirection.OUT, "b-out", 0.95);

        PlatePairing.Result r = PAIRING.pair(List.of(), List.of(in, out), at("2026-12-01T11:00:00+08:00"));

        assertThat(r.reviews()).singleElement().satisfies(review -> {
            assertThat(review.reason()).isEqualTo(ReviewReason.OTHER_CAR_PARK);
            assertThat(review.evidence()).containsExactly(in, out);
        });
        assertThat(r.visits()).isEmpty();
        assertThat(r.stillOpen()).isEmpty();
    }

    @Test
    void anEntryWithoutExitPastTheLimitGoesToReviewNotBefore() {
        GateRead in = read("京A12345", LaneDirection.IN, "2026-12-01T10:00:00+08:00", 0.95);

        PlatePairing.Result justBefore = PAIRING.pair(List.of(in), List.of(), at("2026-12-04T09:59:59+08:00"));
        PlatePairing.Result atLimit = PAIRING.pair(List.of(in), List.of(), at("2026-12-04T10:00:00+08:00"));

        assertThat(justBefore.reviews()).isEmpty();
        assertThat(justBefore.stillOpen()).containsExactly(in);
        assertThat(atLimit.reviews()).extracting(PlatePairing.Review::reason)
                .containsExactly(ReviewReason.ENTRY_WITHOUT_EXIT);
        assertThat(atLimit.stillOpen()).isEmpty();
        assertThat(atLimit.closedOpen()).containsExactly(in.eventId());
    }

    @Test
    void theFreeMinutesAreAGracePeriodNotDeducted() {
        assertThat(TARIFF.charge(Duration.ofMinutes(29))).isZero();
        assertThat(TARIFF.charge(Duration.ofMinutes(30))).isZero();
        assertThat(TARIFF.charge(Duration.ofMinutes(30).plusSeconds(1))).isEqualTo(500);
    }

    @Test
    void everyStartedHourIsCharged() {
        assertThat(TARIFF.charge(Duration.ofMinutes(60))).isEqualTo(500);
        assertThat(TARIFF.charge(Duration.ofMinutes(60).plusSeconds(1))).isEqualTo(1000);
        assertThat(TARIFF.charge(Duration.ofMinutes(60).plusMillis(1))).isEqualTo(1000);
    }

    @Test
    void aNightAcrossMidnightIsOnePeriodCountedFromTheEntry() {
        // 22:00 to 02:00 Asia/Shanghai: 4 started hours, 20 CNY, not two calendar days
        Duration stay = Duration.between(at("2026-12-01T22:00:00+08:00"), at("2026-12-02T02:00:00+08:00"));

        assertThat(TARIFF.charge(stay)).isEqualTo(2000);
    }

    @Test
    void oneDayIsCappedAndMultiDayStaysPayTheCapPerWhole24Hours() {
        assertThat(TARIFF.charge(Duration.ofHours(7))).isEqualTo(3000);
        assertThat(TARIFF.charge(Duration.ofHours(24))).isEqualTo(3000);
        assertThat(TARIFF.charge(Duration.ofHours(24).plusSeconds(1))).isEqualTo(3500);
        // 51 h: two whole periods (60 CNY) and 3 started hours (15 CNY)
        assertThat(TARIFF.charge(Duration.ofHours(51))).isEqualTo(7500);
        // 2 days 23 h: the third period is capped too
        assertThat(TARIFF.charge(Duration.ofHours(71))).isEqualTo(9000);
    }

    @Test
    void aMultiDayVisitIsPricedFromItsReads() {
        GateRead in = read("京A12345", LaneDirection.IN, "2026-12-01T20:15:00+08:00", 0.95);
        GateRead out = read("京A12345", LaneDirection.OUT, "2026-12-03T21:00:00+08:00", 0.95);

        PlatePairing.Pair visit = PAIRING.pair(List.of(), List.of(in, out), out.ts()).visits().getFirst();

        // 48 h 45 min: two periods (60 CNY) and one started hour (5 CNY)
        assertThat(TARIFF.charge(Duration.between(visit.entry().ts(), visit.exit().ts()))).isEqualTo(6500);
    }

    private static GateRead read(String plate, LaneDirection direction, String ts, double confidence) {
        return new GateRead(nextId++, "cam-1", "elm-court", at(ts), plate, direction,
                direction == LaneDirection.IN ? "north-in" : "north-out", confidence);
    }

    private static Instant at(String ts) {
        return OffsetDateTime.parse(ts).toInstant();
    }
}
