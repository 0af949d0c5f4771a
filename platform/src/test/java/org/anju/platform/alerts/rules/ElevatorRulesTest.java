package org.anju.platform.alerts.rules;

import static org.anju.platform.alerts.rules.RuleTable.DEFAULTS;
import static org.anju.platform.alerts.rules.RuleTable.event;
import static org.anju.platform.alerts.rules.RuleTable.replayed;
import static org.anju.platform.alerts.rules.RuleTable.row;
import static org.anju.platform.alerts.rules.RuleTable.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.alerts.rules.RuleTable.Row;
import org.anju.platform.alerts.rules.RuleTable.Step;
import org.anju.platform.ingest.CommittedMessage;
import org.anju.protocol.DeviceType;

/**
 * The rules of elevators (docs/alerts.md, GB/T 24476): faults by code and severity, the device's
 * entrapment signals, the platform's entrapment rule on the car's state (at once outside the door
 * zone, after {@code entrapmentAfter} when levelled), service modes and {@code back_to_normal}.
 */
class ElevatorRulesTest {

    private static final String[] BACK_TO_NORMAL_CLEARS = {"clear elevator_fault", "clear elevator_alarm_button",
        "clear elevator_out_of_service", "clear elevator_earthquake", "clear elevator_power_lost"};

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>(List.of(
                row("the device's entrapment event raises a critical entrapment",
                        event("{'kind': 'entrapment', 'floor': 12, 'doorZone': false, 'trappedSeconds': 45}",
                                "raise entrapment critical")),
                row("the alarm button with a passenger inside is an entrapment",
                        event("{'kind': 'alarm_button', 'floor': 12, 'passengerPresent': true}", "raise entrapment critical")),
                row("the alarm button without a passenger is a minor alert",
                        event("{'kind': 'alarm_button', 'passengerPresent': false}", "raise elevator_alarm_button minor")),
                row("the alarm button not saying whether anyone is inside is a minor alert",
                        event("{'kind': 'alarm_button'}", "raise elevator_alarm_button minor")),
                row("power lost, earthquake and out of service raise their alerts",
                        event("{'kind': 'power_lost'}", "raise elevator_power_lost major"),
                        event("{'kind': 'earthquake'}", "raise elevator_earthquake major"),
                        event("{'kind': 'out_of_service'}", "raise elevator_out_of_service warning")),
                row("inspection, fire return, firefighter and emergency power are modes, not alerts",
                        event("{'kind': 'inspection'}"), event("{'kind': 'fire_return'}"),
                        event("{'kind': 'firefighter'}"), event("{'kind': 'emergency_power'}")),
                row("back to normal clears faults, the alarm button and abnormal modes, not an entrapment",
                        event("{'kind': 'back_to_normal', 'floor': 1}", BACK_TO_NORMAL_CLEARS)),
                row("a car running clears an entrapment",
                        car(true, true, true, true, "2026-11-29T08:00:00Z", "clear entrapment")),
                row("a car with its doors open clears an entrapment",
                        car(false, true, false, true, "2026-11-29T08:00:00Z", "clear entrapment")),
                row("a car with nobody inside clears an entrapment",
                        car(false, true, true, false, "2026-11-29T08:00:00Z", "clear entrapment")),
                row("stopped outside the door zone, closed, with a passenger: an entrapment at once",
                        car(false, false, true, true, "2026-11-29T08:00:00Z", "hold entrapment critical")),
                row("levelled, closed, with a passenger: an entrapment from entrapmentAfter on",
                        car(false, true, true, true, "2026-11-29T08:00:00Z"),
                        car(false, true, true, true, "2026-11-29T08:00:59Z"),
                        car(false, true, true, true, "2026-11-29T08:01:00Z", "hold entrapment critical"),
                        car(false, true, true, true, "2026-11-29T08:01:05Z", "hold entrapment critical"),
                        car(false, true, false, true, "2026-11-29T08:01:10Z", "clear entrapment")),
                row("a community's entrapmentAfter of 45 s", DEFAULTS.withEntrapmentAfter(Duration.ofSeconds(45)),
                        car(false, true, true, true, "2026-11-29T08:00:00Z"),
                        car(false, true, true, true, "2026-11-29T08:00:44Z"),
                        car(false, true, true, true, "2026-11-29T08:00:45Z", "hold entrapment critical")),
                row("the levelled timer starts again after the car moved",
                        car(false, true, true, true, "2026-11-29T08:00:00Z"),
                        car(true, false, true, true, "2026-11-29T08:00:30Z", "clear entrapment"),
                        car(false, true, true, true, "2026-11-29T08:00:40Z"),
                        car(false, true, true, true, "2026-11-29T08:01:39Z"),
                        car(false, true, true, true, "2026-11-29T08:01:40Z", "hold entrapment critical")),
                row("a report from before the car stood counts from its own time",
                        car(false, true, true, true, "2026-11-29T08:00:30Z"),
                        car(false, true, true, true, "2026-11-29T08:00:00Z"),
                        car(false, true, true, true, "2026-11-29T08:01:00Z", "hold entrapment critical")),
                row("the device's entrapment flag holds an entrapment even while the car runs",
                        telemetry(state(true, false, true, true, "2026-11-29T08:00:00Z").replace("}", ", 'entrapment': true}"),
                                "hold entrapment critical")),
                row("a cleared entrapment flag leaves the decision to the car's state",
                        telemetry(state(false, false, true, true, "2026-11-29T08:00:00Z").replace("}", ", 'entrapment': false}"),
                                "hold entrapment critical")),
                row("a replayed fault without a code is 99, minor", replayed("{'kind': 'fault'}", "raise elevator_fault.99 minor")),
                row("a replayed event of an unknown kind is ignored", replayed("{'kind': 'e_bike_entered'}"))));
        for (String code : List.of("01", "05", "08", "09", "10", "11", "12")) {
            rows.add(fault(code, "critical"));
        }
        for (String code : List.of("02", "03", "04", "06", "07", "13", "14", "15")) {
            rows.add(fault(code, "major"));
        }
        rows.add(fault("99", "minor"));
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void concludes(Row row) {
        RuleTable.check(DeviceType.ELEVATOR, row);
    }

    @Test
    void eachCarHasItsOwnLevelledTimer() {
        RuleBook rules = new RuleBook();
        assertThat(evaluate(rules, "lift-1", car(false, true, true, true, "2026-11-29T08:00:00Z"))).isEmpty();
        assertThat(evaluate(rules, "lift-2", car(false, true, true, true, "2026-11-29T08:00:50Z"))).isEmpty();
        assertThat(evaluate(rules, "lift-1", car(false, true, true, true, "2026-11-29T08:01:00Z")))
                .containsExactly("hold entrapment critical");
        assertThat(evaluate(rules, "lift-2", car(false, true, true, true, "2026-11-29T08:01:00Z"))).isEmpty();
        assertThat(evaluate(rules, "lift-2", car(false, true, true, true, "2026-11-29T08:01:50Z")))
                .containsExactly("hold entrapment critical");
    }

    @Test
    void aLevelledEntrapmentTellsHowLongTheCarStood() {
        RuleBook rules = new RuleBook();
        rules.evaluate(RuleTable.message(DeviceType.ELEVATOR, "lift-1", car(false, true, true, true, "2026-11-29T08:00:00Z")),
                DEFAULTS);
        Signal entrapment = rules.evaluate(RuleTable.message(DeviceType.ELEVATOR, "lift-1",
                car(false, true, true, true, "2026-11-29T08:01:30Z")), DEFAULTS).getFirst();
        assertThat(entrapment.detail().path("standingSeconds").asLong()).isEqualTo(90);
        assertThat(entrapment.detail().path("rule").asText()).isEqualTo("levelled, doors closed, passenger present");
    }

    @Test
    void aFaultKeepsItsCodeAndName() {
        Signal fault = RuleTable.signals(DeviceType.ELEVATOR, DEFAULTS,
                event("{'kind': 'fault', 'code': '04', 'floor': 12}")).getFirst();
        assertThat(fault.detail().path("name").asText()).isEqualTo("stopped_outside_unlocking_zone");
        assertThat(fault.detail().path("floor").asInt()).isEqualTo(12);
    }

    private static Row fault(String code, String severity) {
        return row("fault " + code + " is " + severity, event("{'kind': 'fault', 'code': '" + code + "'}",
                "raise elevator_fault." + code + " " + severity));
    }

    /** A status report of the car: running, in the door zone, doors closed, passenger present, at a time. */
    private static Step car(boolean running, boolean doorZone, boolean closed, boolean passenger, String ts,
            String... signals) {
        return telemetry(state(running, doorZone, closed, passenger, ts), signals);
    }

    private static String state(boolean running, boolean doorZone, boolean closed, boolean passenger, String ts) {
        return "{'ts': '" + ts + "', 'serviceMode': 'normal', 'running': " + running + ", 'direction': '"
                + (running ? "up" : "none") + "', 'floor': 7, 'doorZone': " + doorZone + ", 'doorsClosed': " + closed
                + ", 'passengerPresent': " + passenger + "}";
    }

    private static List<String> evaluate(RuleBook rules, String deviceId, Step step) {
        CommittedMessage message = RuleTable.message(DeviceType.ELEVATOR, deviceId, step);
        return RuleTable.render(rules.evaluate(message, DEFAULTS));
    }
}
