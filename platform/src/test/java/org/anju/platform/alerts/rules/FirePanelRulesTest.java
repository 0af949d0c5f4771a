package org.anju.platform.alerts.rules;

import static org.anju.platform.alerts.rules.RuleTable.DEFAULTS;
import static org.anju.platform.alerts.rules.RuleTable.event;
import static org.anju.platform.alerts.rules.RuleTable.replayed;
import static org.anju.platform.alerts.rules.RuleTable.row;
import static org.anju.platform.alerts.rules.RuleTable.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.alerts.rules.RuleTable.Row;
import org.anju.protocol.DeviceType;

/**
 * The rules of building fire panels through their UITD (docs/alerts.md, GB/T 26875.3): each signal
 * category and its {@code _restored} kind, the UITD's own faults, and the running state that
 * catches a lost event at the next report.
 */
class FirePanelRulesTest {

    /** Signal category → the alert it raises. */
    private static final String[][] CATEGORIES = {
        {"fault", "panel_fault major"},
        {"supervisory", "panel_supervisory major"},
        {"shielded", "panel_shielded warning"},
        {"main_power_fault", "panel_main_power_fault major"},
        {"backup_power_fault", "panel_backup_power_fault minor"},
        {"bus_fault", "panel_bus_fault major"},
    };
    private static final String ALL_CLEAR = "{'fireAlarm': false, 'fault': false, 'mainPowerFault': false,"
            + " 'backupPowerFault': false, 'linkToCenterFailed': false, 'monitoringLineFault': false}";

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>(List.of(
                row("a fire alarm raises a critical fire alarm",
                        event("{'kind': 'fire_alarm', 'systemType': 1, 'componentType': 42, 'address': {'loop': 2,"
                                + " 'point': 37}, 'location': '3号楼 5层 东侧走廊'}", "raise fire_alarm critical")),
                row("a restored fire alarm clears it (the workflow resolves it)",
                        event("{'kind': 'fire_alarm_restored', 'systemType': 1}", "clear fire_alarm")),
                row("started, feedback and delay accompany a fire: no alert of their own",
                        event("{'kind': 'started', 'systemType': 12}"),
                        event("{'kind': 'feedback', 'systemType': 12}"),
                        event("{'kind': 'delay', 'systemType': 18}"),
                        event("{'kind': 'started_restored', 'systemType': 12}"),
                        event("{'kind': 'feedback_restored', 'systemType': 12}"),
                        event("{'kind': 'delay_restored', 'systemType': 18}")),
                row("operation records are a person's actions, not alerts",
                        event("{'kind': 'operation', 'operation': 'reset', 'operatorId': '07'}"),
                        event("{'kind': 'operation', 'operation': 'silence'}")),
                row("a UITD fault raises per fault; its restored kind clears that fault only",
                        event("{'kind': 'uitd_fault', 'fault': 'link_to_center_failed'}",
                                "raise uitd_fault.link_to_center_failed major"),
                        event("{'kind': 'uitd_fault', 'fault': 'monitoring_line_fault'}",
                                "raise uitd_fault.monitoring_line_fault major"),
                        event("{'kind': 'uitd_fault_restored', 'fault': 'link_to_center_failed'}",
                                "clear uitd_fault.link_to_center_failed")),
                row("a UITD fault of another kind", event("{'kind': 'uitd_fault', 'fault': 'other', 'detail': 'fan'}",
                        "raise uitd_fault.other major")),
                row("a running state with nothing wrong clears every panel-level fault, not the fire alarm",
                        telemetry(ALL_CLEAR, "clear panel_fault", "clear panel_main_power_fault",
                                "clear panel_backup_power_fault", "clear uitd_fault.link_to_center_failed",
                                "clear uitd_fault.monitoring_line_fault")),
                row("the running state holds each fault while it is 1, in a fixed order",
                        telemetry("{'fireAlarm': true, 'fault': true, 'mainPowerFault': true, 'backupPowerFault': true,"
                                + " 'linkToCenterFailed': true, 'monitoringLineFault': true}",
                                "hold panel_fault major", "hold panel_main_power_fault major",
                                "hold panel_backup_power_fault minor", "hold uitd_fault.link_to_center_failed major",
                                "hold uitd_fault.monitoring_line_fault major")),
                row("a lost restore event is caught by the next report",
                        event("{'kind': 'backup_power_fault', 'systemType': 1}", "raise panel_backup_power_fault minor"),
                        telemetry(ALL_CLEAR.replace("'fault': false", "'fault': true"), "hold panel_fault major",
                                "clear panel_main_power_fault", "clear panel_backup_power_fault",
                                "clear uitd_fault.link_to_center_failed", "clear uitd_fault.monitoring_line_fault")),
                row("a replayed UITD fault without its fault name is filed as other",
                        replayed("{'kind': 'uitd_fault'}", "raise uitd_fault.other major")),
                row("a replayed signal of an unknown category is ignored",
                        replayed("{'kind': 'evacuation'}"), replayed("{'kind': 'evacuation_restored'}"))));
        for (String[] category : CATEGORIES) {
            String kind = category[0];
            String type = category[1].split(" ")[0];
            rows.add(row("signal " + kind + " raises " + category[1] + ", " + kind + "_restored clears it",
                    event("{'kind': '" + kind + "', 'systemType': 1}", "raise " + category[1]),
                    event("{'kind': '" + kind + "_restored', 'systemType': 1}", "clear " + type)));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void concludes(Row row) {
        RuleTable.check(DeviceType.FIRE_PANEL, row);
    }

    @Test
    void aFireAlarmKeepsTheDetectorsAddressAndLocationForTheFireBrigade() {
        Signal alarm = RuleTable.signals(DeviceType.FIRE_PANEL, DEFAULTS,
                event("{'kind': 'fire_alarm', 'ts': '2026-11-29T16:00:00+08:00', 'systemType': 1, 'componentType': 42,"
                        + " 'address': {'loop': 2, 'point': 37}, 'location': '3号楼 5层 东侧走廊'}")).getFirst();
        assertThat(alarm.fire()).isTrue();
        assertThat(alarm.detail().path("location").asText()).isEqualTo("3号楼 5层 东侧走廊");
        assertThat(alarm.detail().path("address").path("point").asInt()).isEqualTo(37);
        assertThat(alarm.detail().path("componentTypeName").asText()).isNotEmpty();
        assertThat(alarm.at()).hasToString("2026-11-29T08:00:00Z");
    }
}
