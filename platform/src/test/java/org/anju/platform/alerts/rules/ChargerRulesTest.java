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
import org.anju.platform.alerts.rules.RuleTable.Step;
import org.anju.protocol.DeviceType;

/**
 * The rules of EV chargers (docs/alerts.md, OCPP 1.6): a connector's error code other than
 * {@code NoError} is a fault of that connector and code, {@code NoError} clears the connector's
 * faults; a connector temperature above the community's maximum is over-temperature.
 */
class ChargerRulesTest {

    /** OCPP ChargePointErrorCode → the alert type's last segment and severity. */
    private static final String[][] CODES = {
        {"GroundFailure", "ground_failure major"},
        {"HighTemperature", "high_temperature major"},
        {"OverCurrentFailure", "over_current_failure major"},
        {"OverVoltage", "over_voltage major"},
        {"UnderVoltage", "under_voltage major"},
        {"PowerSwitchFailure", "power_switch_failure major"},
        {"ConnectorLockFailure", "connector_lock_failure major"},
        {"WeakSignal", "weak_signal warning"},
        {"EVCommunicationError", "ev_communication_error minor"},
        {"InternalError", "internal_error minor"},
        {"PowerMeterFailure", "power_meter_failure minor"},
        {"ReaderFailure", "reader_failure minor"},
        {"OtherError", "other_error minor"},
    };

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>(List.of(
                row("NoError in a status notification clears the connector's faults",
                        status(1, "Available", "NoError", "clear charger_fault.1")),
                row("an error code in meter values holds the fault (no event: a level, not an occurrence)",
                        telemetry(meter(2, "'errorCode': 'GroundFailure'", null), "hold charger_fault.2.ground_failure major")),
                row("NoError in meter values clears the connector's faults",
                        telemetry(meter(2, "'errorCode': 'NoError'", null), "clear charger_fault.2")),
                row("meter values without an error code say nothing of faults", telemetry(meter(1, null, null))),
                row("a fault of the charge point as a whole is connector 0",
                        status(0, "Unavailable", "InternalError", "raise charger_fault.0.internal_error minor")),
                row("a temperature above the maximum holds over-temperature",
                        telemetry(meter(1, null, 80.5), "hold charger_over_temperature.1 major")),
                row("a temperature at the maximum clears over-temperature",
                        telemetry(meter(1, null, 80.0), "clear charger_over_temperature.1")),
                row("a community's maximum of 60 °C", DEFAULTS.withChargerMaxTemperature(60),
                        telemetry(meter(3, null, 61.0), "hold charger_over_temperature.3 major")),
                row("a fault and a temperature in one report: error code first",
                        telemetry(meter(1, "'errorCode': 'HighTemperature'", 95.0),
                                "hold charger_fault.1.high_temperature major", "hold charger_over_temperature.1 major")),
                row("a fault and its clear on the same connector, the other connector untouched",
                        status(1, "Faulted", "GroundFailure", "raise charger_fault.1.ground_failure major"),
                        status(2, "Faulted", "OverVoltage", "raise charger_fault.2.over_voltage major"),
                        status(1, "Available", "NoError", "clear charger_fault.1")),
                row("sessions are billing data, not alerts",
                        event("{'kind': 'session_started', 'transactionId': 1042, 'connectorId': 1, 'idTag': 'RFID-1',"
                                + " 'meterStart': 1523400}"),
                        event("{'kind': 'session_stopped', 'transactionId': 1042, 'connectorId': 1,"
                                + " 'meterStop': 1538400, 'reason': 'EVDisconnected'}")),
                row("a replayed status notification carries no status keys: nothing to conclude",
                        replayed("{'kind': 'status_notification', 'connectorId': 1, 'status': 'Faulted',"
                                + " 'errorCode': 'GroundFailure'}"))));
        for (String[] code : CODES) {
            rows.add(row(code[0] + " is charger_fault.<connector>." + code[1],
                    status(1, "Faulted", code[0], "raise charger_fault.1." + code[1])));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void concludes(Row row) {
        RuleTable.check(DeviceType.EV_CHARGER, row);
    }

    @Test
    void acronymsInErrorCodesBecomeWordsOfTheAlertType() {
        // EVCommunicationError used to become charger_fault.1.evcommunication_error
        RuleTable.check(DeviceType.EV_CHARGER, row("EV communication error",
                status(1, "Faulted", "EVCommunicationError", "raise charger_fault.1.ev_communication_error minor")));
    }

    @Test
    void aFaultKeepsTheStatusNotification() {
        Signal fault = RuleTable.signals(DeviceType.EV_CHARGER, DEFAULTS,
                event("{'kind': 'status_notification', 'connectorId': 1, 'status': 'Faulted', 'errorCode': 'GroundFailure',"
                        + " 'info': 'RCD tripped', 'vendorErrorCode': 'E07'}")).getFirst();
        assertThat(fault.detail().path("connectorId").asInt()).isEqualTo(1);
        assertThat(fault.detail().path("errorCode").asText()).isEqualTo("GroundFailure");
        assertThat(fault.detail().path("info").asText()).isEqualTo("RCD tripped");
        assertThat(fault.detail().path("vendorErrorCode").asText()).isEqualTo("E07");
    }

    private static Step status(int connector, String status, String errorCode, String... signals) {
        return event("{'kind': 'status_notification', 'connectorId': " + connector + ", 'status': '" + status
                + "', 'errorCode': '" + errorCode + "'}", signals);
    }

    private static String meter(int connector, String errorCode, Double temperature) {
        return "{'connectorId': " + connector + (errorCode == null ? "" : ", " + errorCode)
                + ", 'meterValues': {'Energy.Active.Import.Register': 1523400"
                + (temperature == null ? "" : ", 'Temperature': " + temperature) + "}}";
    }
}
