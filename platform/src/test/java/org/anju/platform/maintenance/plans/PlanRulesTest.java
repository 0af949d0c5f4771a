package org.anju.platform.maintenance.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;

class PlanRulesTest {

    private static final Asset ELEVATOR = asset("elev-1", AssetKind.ELEVATOR, LocalDate.of(2027, 6, 30));
    private static final Asset DETECTOR = asset("det-1", AssetKind.SMOKE_DETECTOR, null);

    @Test
    void halfMonthlyCountsFifteenDaysFromTheLastVisitAcrossMonthEndsAndLeapDays() {
        Plan plan = plan(PlanKind.ELEVATOR_HALF_MONTHLY, 15, LocalDate.of(2028, 2, 1), null);

        assertThat(PlanRules.nextDue(plan, ELEVATOR)).contains(LocalDate.of(2028, 2, 1));
        assertThat(PlanRules.nextDue(done(plan, LocalDate.of(2028, 2, 20)), ELEVATOR)).contains(LocalDate.of(2028, 3, 6));
        assertThat(PlanRules.nextDue(done(plan, LocalDate.of(2027, 2, 20)), ELEVATOR)).contains(LocalDate.of(2027, 3, 7));
        assertThat(PlanRules.nextDue(done(plan, LocalDate.of(2026, 12, 25)), ELEVATOR)).contains(LocalDate.of(2027, 1, 9));
        assertThat(PlanRules.occurrences(plan, ELEVATOR, 3))
                .containsExactly(LocalDate.of(2028, 2, 1), LocalDate.of(2028, 2, 16), LocalDate.of(2028, 3, 2));
    }

    @Test
    void monthIntervalsKeepTheDayOrTakeTheMonthsLastDay() {
        Plan quarterly = plan(PlanKind.ELEVATOR_QUARTERLY, 3, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 11, 30));
        Plan monthly = new Plan(2, "c", "chg-1", PlanKind.CHARGER_INSPECTION, 1, LocalDate.of(2027, 1, 1), 3,
                List.of("ev_charger.meter"), 1, LocalDate.of(2028, 1, 31), null);
        Asset charger = asset("chg-1", AssetKind.EV_CHARGER, null);

        assertThat(PlanRules.nextDue(quarterly, ELEVATOR)).contains(LocalDate.of(2028, 2, 29));
        assertThat(PlanRules.nextDue(monthly, charger)).contains(LocalDate.of(2028, 2, 29));
        assertThat(PlanRules.occurrences(done(monthly, LocalDate.of(2027, 1, 31)), charger, 3))
                .containsExactly(LocalDate.of(2027, 2, 28), LocalDate.of(2027, 3, 28), LocalDate.of(2027, 4, 28));
    }

    @Test
    void aHalfMonthlyPlanOrScheduleBeyondFifteenDaysIsRefusedNamingTheRule() {
        assertThatThrownBy(() -> PlanRules.check(spec(PlanKind.ELEVATOR_HALF_MONTHLY, 16), ELEVATOR))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageStartingWith("rule elevator.max_15_days:");
        PlanSpec late = new PlanSpec(PlanKind.ELEVATOR_HALF_MONTHLY, 15, LocalDate.of(2027, 3, 17), 3,
                Checklists.defaults(PlanKind.ELEVATOR_HALF_MONTHLY), 2);
        assertThatThrownBy(() -> PlanRules.checkSchedule(late, LocalDate.of(2027, 3, 1)))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(409))
                .hasMessageStartingWith("rule elevator.max_15_days:").hasMessageContaining("2027-03-16");
        PlanRules.checkSchedule(late, LocalDate.of(2027, 3, 2));
    }

    @Test
    void elevatorsNeedTwoPeopleAndChecklistItemsOfTheirKind() {
        PlanSpec alone = new PlanSpec(PlanKind.ELEVATOR_QUARTERLY, 3, LocalDate.of(2027, 1, 1), 7,
                Checklists.defaults(PlanKind.ELEVATOR_QUARTERLY), 1);
        PlanSpec wrongItem = new PlanSpec(PlanKind.ELEVATOR_QUARTERLY, 3, LocalDate.of(2027, 1, 1), 7,
                List.of("elevator.brake", "smoke_detector.battery_replace"), 2);

        assertThatThrownBy(() -> PlanRules.check(alone, ELEVATOR)).hasMessageStartingWith("rule crew.at_least_2:");
        assertThatThrownBy(() -> PlanRules.check(wrongItem, ELEVATOR))
                .hasMessageStartingWith("rule checklist.asset_kind:").hasMessageContaining("smoke_detector.battery_replace");
        assertThatThrownBy(() -> PlanRules.check(spec(PlanKind.ELEVATOR_QUARTERLY, 3), DETECTOR))
                .hasMessageStartingWith("rule plan.asset_kind:");
    }

    @Test
    void theUitdIsTestedAtLeastTwiceInEveryMonthIncludingFebruary() {
        assertThatThrownBy(() -> PlanRules.check(spec(PlanKind.UITD_TRANSMISSION_TEST, 15),
                asset("uitd-1", AssetKind.FIRE_PANEL, null))).hasMessageStartingWith("rule uitd.twice_a_month:");
        Plan test = new Plan(3, "c", "uitd-1", PlanKind.UITD_TRANSMISSION_TEST, 14, LocalDate.of(2027, 1, 31), 2,
                List.of("fire_panel.alarm_transmission"), 1, null, null);
        List<LocalDate> days = PlanRules.occurrences(test, asset("uitd-1", AssetKind.FIRE_PANEL, null), 30);
        for (int month = 2; month <= 12; month++) {
            int m = month;
            assertThat(days).as("tests in 2027-%02d", m).filteredOn(d -> d.getYear() == 2027 && d.getMonthValue() == m)
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theInspectionApplicationIsDueAtLeastThirtyDaysBeforeTheInspection() {
        Plan application = plan(PlanKind.ELEVATOR_INSPECTION_APPLICATION, 30, LocalDate.of(2027, 1, 1), null);

        assertThat(PlanRules.nextDue(application, ELEVATOR)).contains(LocalDate.of(2027, 5, 31));
        assertThat(PlanRules.nextDue(done(application, LocalDate.of(2027, 5, 20)), ELEVATOR))
                .contains(LocalDate.of(2028, 5, 31));
        assertThatThrownBy(() -> PlanRules.check(spec(PlanKind.ELEVATOR_INSPECTION_APPLICATION, 29), ELEVATOR))
                .hasMessageStartingWith("rule inspection.apply_30_days_before:");
        assertThatThrownBy(() -> PlanRules.check(spec(PlanKind.ELEVATOR_INSPECTION_APPLICATION, 30),
                asset("elev-2", AssetKind.ELEVATOR, null)))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    void aRescheduledStartWinsUntilTheNextVisitIsDone() {
        Plan moved = new Plan(1, "c", "elev-1", PlanKind.ELEVATOR_HALF_MONTHLY, 15, LocalDate.of(2027, 3, 10), 3,
                List.of("elevator.brake"), 2, LocalDate.of(2027, 3, 1), null);

        assertThat(PlanRules.nextDue(moved, ELEVATOR)).contains(LocalDate.of(2027, 3, 10));
        assertThat(PlanRules.nextDue(done(moved, LocalDate.of(2027, 3, 12)), ELEVATOR)).contains(LocalDate.of(2027, 3, 27));
    }

    @Test
    void registrationCodesHaveTwentyDigitsOfAnElevatorCategory() {
        assertThat(RegistrationCode.valid("31103101002019000123")).isTrue();
        assertThat(RegistrationCode.valid("41103101002019000123")).as("not an elevator category").isFalse();
        assertThat(RegistrationCode.valid("3110310100201900012")).as("19 digits").isFalse();
        assertThat(RegistrationCode.valid("31103101001019000123")).as("year 1019").isFalse();
    }

    private static Asset asset(String id, AssetKind kind, LocalDate nextInspection) {
        return new Asset(id, "c", kind, null, null, null, MaintenanceMode.CALENDAR, null, null, nextInspection,
                Instant.EPOCH);
    }

    private static Plan plan(PlanKind kind, int every, LocalDate start, LocalDate lastDone) {
        return new Plan(1, "c", "elev-1", kind, every, start, kind.defaultLeadDays(), Checklists.defaults(kind),
                kind.minCrew(), lastDone, null);
    }

    private static Plan done(Plan p, LocalDate day) {
        return new Plan(p.id(), p.communityId(), p.deviceId(), p.kind(), p.every(), p.startOn().isAfter(day) ? day
                : p.startOn(), p.leadDays(), p.checklist(), p.minCrew(), day, p.openedDueOn());
    }

    private static PlanSpec spec(PlanKind kind, int every) {
        return new PlanSpec(kind, every, LocalDate.of(2027, 1, 1), kind.defaultLeadDays(), Checklists.defaults(kind),
                kind.minCrew());
    }
}
