package org.anju.platform.alerts.rules;

import static org.anju.platform.alerts.rules.RuleTable.DEFAULTS;
import static org.anju.platform.alerts.rules.RuleTable.event;
import static org.anju.platform.alerts.rules.RuleTable.replayed;
import static org.anju.platform.alerts.rules.RuleTable.row;
import static org.anju.platform.alerts.rules.RuleTable.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.alerts.rules.RuleTable.Row;
import org.anju.protocol.DeviceType;

/**
 * The rules of standalone smoke alarms (docs/alerts.md, GB 20517): the alarm and its clear, low
 * battery by event or reading with its hysteresis, faults, tamper, end of life and self-tests.
 */
class SmokeDetectorRulesTest {

    static List<Row> rows() {
        return List.of(
                row("an alarm raises a critical fire alarm",
                        event("{'kind': 'alarm', 'smokeConcentration': 6.2}", "raise fire_alarm critical")),
                row("an alarm's clear clears the fire alarm (the workflow resolves it)",
                        event("{'kind': 'alarm_cleared'}", "clear fire_alarm")),
                row("an alarm carrying a healthy battery reading also clears low battery",
                        event("{'kind': 'alarm', 'battery': 50}", "raise fire_alarm critical", "clear low_battery")),
                row("silenced is no alert", event("{'kind': 'silenced', 'silencedSeconds': 600}")),
                row("a heartbeat's healthy battery clears low battery",
                        event("{'kind': 'heartbeat', 'battery': 86}", "clear low_battery")),
                row("a low-battery event raises low battery, its low reading holds it",
                        event("{'kind': 'low_battery', 'battery': 9}", "raise low_battery minor", "hold low_battery minor")),
                row("a reading below the threshold holds low battery",
                        telemetry("{'battery': 14.9}", "hold low_battery minor")),
                row("a reading at the threshold is not low", telemetry("{'battery': 15}")),
                row("a reading between the threshold and 5 above changes nothing (hysteresis)",
                        telemetry("{'battery': 19.9}")),
                row("a reading 5 above the threshold clears low battery", telemetry("{'battery': 20}", "clear low_battery")),
                row("a hovering battery does not flap",
                        telemetry("{'battery': 14}", "hold low_battery minor"),
                        telemetry("{'battery': 16}"),
                        telemetry("{'battery': 14.5}", "hold low_battery minor"),
                        telemetry("{'battery': 19}"),
                        telemetry("{'battery': 21}", "clear low_battery")),
                row("a community's threshold of 30 %", DEFAULTS.withLowBatteryPercent(30),
                        telemetry("{'battery': 29.9}", "hold low_battery minor"),
                        telemetry("{'battery': 34.9}"),
                        telemetry("{'battery': 35}", "clear low_battery")),
                row("a fault raises a major detector fault", event("{'kind': 'fault', 'detail': 'smoke chamber contaminated'}",
                        "raise detector_fault major")),
                row("tamper raises a major tamper alert, installation clears it",
                        event("{'kind': 'tamper'}", "raise tamper major"),
                        event("{'kind': 'installed', 'firmware': '2.3.1', 'battery': 100}", "clear tamper",
                                "clear low_battery")),
                row("end of life raises a major alert; its reading of 12 % is low battery",
                        event("{'kind': 'end_of_life', 'battery': 12}", "raise end_of_life major", "hold low_battery minor")),
                row("a failed self-test raises, a passed one clears",
                        event("{'kind': 'test', 'result': 'failed'}", "raise self_test_failed major"),
                        event("{'kind': 'test', 'result': 'passed'}", "clear self_test_failed")),
                row("a replayed low-battery event raises (replays carry no readings)",
                        replayed("{'kind': 'low_battery', 'battery': 9}", "raise low_battery minor")),
                row("a replayed event of an unknown kind is ignored", replayed("{'kind': 'evacuate'}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void concludes(Row row) {
        RuleTable.check(DeviceType.SMOKE_DETECTOR, row);
    }

    @Test
    void lowBatteryEventIsNotClearedByItsOwnReading() {
        // the detector judged its battery low at 25 %; the reading in the same event must not resolve
        // the alert that event opened (it used to: opened and resolved in one message)
        RuleTable.check(DeviceType.SMOKE_DETECTOR, row("low-battery event at 25 %",
                event("{'kind': 'low_battery', 'battery': 25}", "raise low_battery minor"),
                telemetry("{'battery': 25}", "clear low_battery")));
    }

    @Test
    void selfTestWithoutResultDoesNotClearAFailedSelfTest() {
        // docs/alerts.md: only a passed test clears; a test without a result tells nothing of the outcome
        RuleTable.check(DeviceType.SMOKE_DETECTOR, row("test without result",
                event("{'kind': 'test', 'result': 'failed'}", "raise self_test_failed major"),
                event("{'kind': 'test'}"),
                event("{'kind': 'test', 'result': 'passed'}", "clear self_test_failed")));
    }

    @Test
    void anAlarmKeepsWhatTheDetectorSaidAsItsDetail() {
        Signal alarm = RuleTable.signals(DeviceType.SMOKE_DETECTOR, DEFAULTS,
                event("{'kind': 'alarm', 'ts': '2026-11-29T16:01:00+08:00', 'smokeConcentration': 6.2, 'temperature': 38.5}"))
                .getFirst();
        assertThat(alarm.detail().path("smokeConcentration").asDouble()).isEqualTo(6.2);
        assertThat(alarm.detail().path("temperature").asDouble()).isEqualTo(38.5);
        assertThat(alarm.detail().path("kind").asText()).isEqualTo("alarm");
        assertThat(alarm.at()).hasToString("2026-11-29T08:01:00Z");
    }
}
