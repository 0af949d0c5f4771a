package org.anju.protocol.catalogue;

import static org.anju.protocol.catalogue.Examples.decode;
import static org.anju.protocol.catalogue.Examples.json;
import static org.anju.protocol.catalogue.Examples.message;
import static org.anju.protocol.catalogue.Examples.onlyEventJson;
import static org.anju.protocol.catalogue.Examples.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.error.ClientError;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.firepanel.Gb26875Codes;

class FirePanelCatalogueTest {

    private static final DeviceType PANEL = DeviceType.FIRE_PANEL;
    private final DeviceCatalogue catalogue = DeviceCatalogue.standard();

    @Test
    void uitdRunningStateBecomesPoints() {
        DecodedMessage decoded = decode(PANEL, "telemetry.json");

        Instant ts = Instant.parse("2026-11-29T08:00:00Z");
        assertThat(decoded.points()).containsExactlyInAnyOrder(
                point(ts, "testMode", 0), point(ts, "fireAlarm", 0), point(ts, "fault", 1), point(ts, "mainPowerFault", 0),
                point(ts, "backupPowerFault", 1), point(ts, "linkToCenterFailed", 0), point(ts, "monitoringLineFault", 0));
        assertThat(decoded.status()).isEmpty();
    }

    @Test
    void fireAlarmNamesSystemComponentAndPlace() {
        JsonNode event = onlyEventJson(decode(PANEL, "event-fire_alarm.json"));

        assertThat(event).isEqualTo(json("{\"kind\": \"fire_alarm\", \"ts\": \"2026-11-29T08:00:00Z\", \"v\": 1,"
                + " \"category\": \"fire_alarm\", \"restored\": false,"
                + " \"systemType\": 1, \"systemTypeName\": \"fire_alarm_system\", \"systemAddress\": 1,"
                + " \"componentType\": 42, \"componentTypeName\": \"point_photoelectric_smoke_detector\","
                + " \"address\": {\"loop\": 2, \"point\": 37}, \"location\": \"3号楼 5层 东侧走廊\"}"));
    }

    @Test
    void aRestoredKindEndsItsCategory() {
        JsonNode event = onlyEventJson(decode(PANEL, "event-fault_restored.json"));

        assertThat(event.get("kind").asText()).isEqualTo("fault_restored");
        assertThat(event.get("category").asText()).isEqualTo("fault");
        assertThat(event.get("restored").asBoolean()).isTrue();
    }

    @Test
    void aSystemSignalHasNoComponent() {
        JsonNode event = onlyEventJson(decode(PANEL, "event-main_power_fault.json"));

        assertThat(event.has("componentType")).isFalse();
        assertThat(event.has("address")).isFalse();
        assertThat(event.get("systemTypeName").asText()).isEqualTo("fire_alarm_system");
    }

    @ParameterizedTest
    @CsvSource({"0, general", "1, fire_alarm_system", "11, hydrant_system", "12, sprinkler_system",
        "18, smoke_control_system", "20, fire_elevator", "24, fire_telephone", "128, user_defined", "255, user_defined"})
    void systemTypeCodesHaveTheirGbT26875Names(int code, String name) {
        assertThat(Gb26875Codes.systemTypeName(code)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"23, manual_call_point", "30, heat_detector", "31, point_heat_detector", "37, optical_fiber_heat_detector",
        "40, smoke_detector", "42, point_photoelectric_smoke_detector", "44, aspirating_smoke_detector",
        "91, fire_pump", "99, pressure_switch", "121, alarm_device", "200, user_defined"})
    void componentTypeCodesHaveTheirGbT26875Names(int code, String name) {
        assertThat(Gb26875Codes.componentTypeName(code)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 9, 25, 127, 256, -1})
    void reservedSystemTypesAreRefused(int code) {
        assertThatThrownBy(() -> catalogue.decode(PANEL,
                message(Endpoint.EVENT, "{\"kind\": \"fault\", \"systemType\": " + code + "}")))
                .isInstanceOf(ClientError.class)
                .hasMessageStartingWith("fire_panel event 'fault': field 'systemType' must be a GB/T 26875.3 system type code");
    }

    @Test
    void userDefinedCodesPassAsSuch() {
        JsonNode event = onlyEventJson(catalogue.decode(PANEL, message(Endpoint.EVENT,
                "{\"kind\": \"started\", \"systemType\": 130, \"componentType\": 140, \"address\": {\"loop\": 1, \"point\": 2}}")));

        assertThat(event.get("systemTypeName").asText()).isEqualTo("user_defined");
        assertThat(event.get("componentTypeName").asText()).isEqualTo("user_defined");
    }

    @Test
    void operationRecordsKeepWhoOperated() {
        JsonNode event = onlyEventJson(decode(PANEL, "event-operation.json"));

        assertThat(event).isEqualTo(json("{\"kind\": \"operation\", \"ts\": \"2026-11-29T08:03:00Z\", \"v\": 1,"
                + " \"operation\": \"reset\", \"systemType\": 1, \"systemTypeName\": \"fire_alarm_system\","
                + " \"systemAddress\": 1, \"operatorId\": \"07\"}"));
    }

    @Test
    void uitdLinkFailureAndItsEnd() {
        JsonNode failed = onlyEventJson(decode(PANEL, "event-uitd_fault.json"));
        JsonNode back = onlyEventJson(decode(PANEL, "event-uitd_fault_restored.json"));

        assertThat(failed.get("fault").asText()).isEqualTo("link_to_center_failed");
        assertThat(failed.get("restored").asBoolean()).isFalse();
        assertThat(back.get("restored").asBoolean()).isTrue();
    }
}
