package org.anju.platform.maintenance.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.anju.error.ClientError;

/** The work-order state machine, every action from every status; checklists; performance. */
class WorkActionTest {

    /** The allowed (action, from) → to; every other pair is refused. */
    private static final Map<WorkAction, Map<WorkStatus, WorkStatus>> ALLOWED = Map.of(
            WorkAction.ASSIGN, Map.of(WorkStatus.OPEN, WorkStatus.ASSIGNED, WorkStatus.ASSIGNED, WorkStatus.ASSIGNED),
            WorkAction.START, Map.of(WorkStatus.ASSIGNED, WorkStatus.IN_PROGRESS),
            WorkAction.CHECKLIST, Map.of(WorkStatus.IN_PROGRESS, WorkStatus.IN_PROGRESS),
            WorkAction.NOTE, Map.of(WorkStatus.OPEN, WorkStatus.OPEN, WorkStatus.ASSIGNED, WorkStatus.ASSIGNED,
                    WorkStatus.IN_PROGRESS, WorkStatus.IN_PROGRESS, WorkStatus.DONE, WorkStatus.DONE),
            WorkAction.DONE, Map.of(WorkStatus.IN_PROGRESS, WorkStatus.DONE),
            WorkAction.VERIFY, Map.of(WorkStatus.DONE, WorkStatus.VERIFIED),
            WorkAction.CANCEL, Map.of(WorkStatus.OPEN, WorkStatus.CANCELLED, WorkStatus.ASSIGNED, WorkStatus.CANCELLED,
                    WorkStatus.IN_PROGRESS, WorkStatus.CANCELLED));

    @ParameterizedTest
    @EnumSource(WorkAction.class)
    void everyActionFromEveryStatus(WorkAction action) {
        for (WorkStatus from : WorkStatus.values()) {
            WorkStatus to = ALLOWED.get(action).get(from);
            if (to != null) {
                assertThat(action.apply(7, from)).as(action + " from " + from).isEqualTo(to);
            } else {
                assertThatThrownBy(() -> action.apply(7, from)).as(action + " from " + from)
                        .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(409))
                        .hasMessageContaining("work order 7 is " + from.wireName())
                        .hasMessageContaining(action.wireName() + " is allowed only when it is");
            }
        }
    }

    @Test
    void closedOrdersTakeNoAction() {
        for (WorkStatus closed : EnumSet.of(WorkStatus.VERIFIED, WorkStatus.CANCELLED)) {
            for (WorkAction action : WorkAction.values()) {
                assertThatThrownBy(() -> action.apply(1, closed)).isInstanceOf(ClientError.class);
            }
        }
        assertThat(Set.of(WorkStatus.values()).stream().filter(WorkStatus::pending))
                .containsExactlyInAnyOrder(WorkStatus.OPEN, WorkStatus.ASSIGNED, WorkStatus.IN_PROGRESS);
    }

    @Test
    void aChecklistItemOfAnotherAssetKindIsRefused() {
        List<String> checklist = Checklists.forOrder("elevator", List.of());
        Checklists.requireItem("elevator", checklist, "elevator.doors");
        assertThatThrownBy(() -> Checklists.requireItem("elevator", checklist, "ev_charger.connectors"))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("is for ev_charger, not for a elevator");
        assertThatThrownBy(() -> Checklists.requireItem("elevator", checklist, "elevator.paint"))
                .hasMessageContaining("is not on this order's checklist");
        assertThat(Checklists.unanswered(checklist, Set.of("elevator.doors"))).hasSize(checklist.size() - 1)
                .doesNotContain("elevator.doors");
        assertThat(Checklists.forOrder("elevator", List.of("elevator.half_monthly.brake")))
                .containsExactly("elevator.half_monthly.brake");
    }

    @Test
    void faultsOfMaintainedDevicesNeedWorkAndOvertravelIsAnEmergency() {
        assertThat(AlertWork.needsWork("elevator", "elevator_fault.04")).isTrue();
        assertThat(AlertWork.needsWork("ev_charger", "charger_fault.1.GroundFailure")).isTrue();
        assertThat(AlertWork.needsWork("camera", "camera_storage_fault")).isTrue();
        assertThat(AlertWork.needsWork("smoke_detector", "low_battery")).isTrue();
        assertThat(AlertWork.needsWork("smoke_detector", "fire_alarm")).isFalse();
        assertThat(AlertWork.needsWork("camera", "camera_tamper")).isFalse();
        assertThat(AlertWork.needsWork("elevator", "entrapment")).isFalse();
        assertThat(AlertWork.emergencyOf("elevator_fault.09")).map(e -> e.wireName()).contains("elevator_overtravel");
        assertThat(AlertWork.emergencyOf("elevator_fault.10")).map(e -> e.wireName()).contains("elevator_overtravel");
        assertThat(AlertWork.emergencyOf("detector_fault")).map(e -> e.wireName()).contains("fire_facility_failed");
        assertThat(AlertWork.emergencyOf("elevator_fault.04")).isEmpty();
    }

    @Test
    void performancePerCompany() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Instant t0 = Instant.parse("2026-11-01T02:00:00Z");
        List<WorkOrder> orders = List.of(
                // company 1: started after 2 h, done after 6 h on its due day: on time
                order(1, "lift-1", 1L, t0, LocalDate.of(2026, 11, 1), t0.plusSeconds(7200), t0.plusSeconds(21600)),
                // company 1: same device faults again 10 days later (a repeat of the first), done 2 days late
                order(2, "lift-1", 1L, t0.plusSeconds(864000), LocalDate.of(2026, 11, 11), t0.plusSeconds(867600),
                        t0.plusSeconds(864000 + 3 * 86400)),
                // company 2: pending and past due: late; nothing started
                order(3, "lift-2", 2L, t0, LocalDate.of(2026, 11, 2), null, null),
                // unassigned, 31 days after lift-2's fault: not a repeat
                order(4, "lift-2", null, t0.plusSeconds(31 * 86400), LocalDate.of(2026, 12, 3), null, null));
        List<CompanyPerformance> rows = PerformanceMath.of(orders, LocalDate.of(2026, 12, 2), zone);
        assertThat(rows).extracting(CompanyPerformance::companyId).containsExactly(1L, 2L, null);
        CompanyPerformance one = rows.get(0);
        assertThat(one.orders()).isEqualTo(2);
        assertThat(one.completed()).isEqualTo(2);
        assertThat(one.onTime()).isEqualTo(1);
        assertThat(one.late()).isEqualTo(1);
        assertThat(one.onTimeRate()).isEqualTo(0.5);
        assertThat(one.meanHoursToRespond()).isEqualTo(1.5);
        assertThat(one.meanHoursToRepair()).isEqualTo(39.0);
        assertThat(one.repeatFaults()).isEqualTo(1);
        CompanyPerformance two = rows.get(1);
        assertThat(two.late()).isEqualTo(1);
        assertThat(two.onTimeRate()).isEqualTo(0.0);
        assertThat(two.meanHoursToRespond()).isNull();
        assertThat(two.repeatFaults()).isZero();
        assertThat(rows.get(2).onTimeRate()).isNull();
    }

    private static WorkOrder order(long id, String device, Long company, Instant opened, LocalDate due, Instant started,
            Instant done) {
        return new WorkOrder(id, "acme", "elm-court", device, "elevator", "alert", "alert:" + id, id, "t", due, false,
                null, null, List.of(), 2, done != null ? "done" : started != null ? "in_progress" : "assigned", company,
                null, List.of(), JsonNodeFactory.instance.objectNode(), List.of(), JsonNodeFactory.instance.arrayNode(),
                null, opened, opened, started, done, null, null, null, null);
    }
}
