package org.anju.protocol.catalogue;

import static org.anju.protocol.catalogue.Examples.RECEIVED_AT;
import static org.anju.protocol.catalogue.Examples.decode;
import static org.anju.protocol.catalogue.Examples.json;
import static org.anju.protocol.catalogue.Examples.message;
import static org.anju.protocol.catalogue.Examples.onlyEventJson;
import static org.anju.protocol.catalogue.Examples.point;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;

class ElevatorCatalogueTest {

    private static final DeviceType ELEVATOR = DeviceType.ELEVATOR;
    private final DeviceCatalogue catalogue = DeviceCatalogue.standard();

    @Test
    void telemetryBecomesPointsAndServiceState() {
        DecodedMessage decoded = decode(ELEVATOR, "telemetry.json");

        Instant ts = Instant.parse("2026-11-29T08:00:00Z");
        assertThat(decoded.points()).containsExactlyInAnyOrder(
                point(ts, "floor", 7), point(ts, "running", 1), point(ts, "doorZone", 0),
                point(ts, "doorsClosed", 1), point(ts, "doorsLocked", 1), point(ts, "passengerPresent", 1),
                point(ts, "speed", 1.75), point(ts, "safetyCircuitClosed", 1), point(ts, "machineRoomTemperature", 24.5),
                point(ts, "trips", 182_340), point(ts, "doorCycles", 365_112), point(ts, "runHours", 10_234.5),
                point(ts, "entrapment", 0));
        assertThat(decoded.status()).isEqualTo(Map.of("serviceMode", "normal", "direction", "up", "powerSource", "mains"));
        assertThat(decoded.events()).isEmpty();
    }

    @Test
    void minimalTelemetryHasTheRequiredFieldsOnlyAtReceiveTime() {
        DecodedMessage decoded = decode(ELEVATOR, "telemetry-minimal.json");

        assertThat(decoded.points()).containsExactlyInAnyOrder(
                point(RECEIVED_AT, "floor", -2), point(RECEIVED_AT, "running", 0), point(RECEIVED_AT, "doorZone", 1),
                point(RECEIVED_AT, "doorsClosed", 0), point(RECEIVED_AT, "passengerPresent", 0));
        assertThat(decoded.status()).isEqualTo(Map.of("serviceMode", "inspection", "direction", "none"));
    }

    @Test
    void aWholeNumberWrittenAsDecimalIsAnInteger() {
        String payload = "{\"serviceMode\": \"normal\", \"running\": false, \"direction\": \"none\", \"floor\": 3.0,"
                + " \"doorZone\": true, \"doorsClosed\": true, \"passengerPresent\": false}";

        DecodedMessage decoded = catalogue.decode(ELEVATOR, message(Endpoint.TELEMETRY, payload));

        assertThat(decoded.points()).contains(point(RECEIVED_AT, "floor", 3));
    }

    @Test
    void faultEventCarriesTheCodeAndItsName() {
        DecodedMessage decoded = decode(ELEVATOR, "event-fault.json");

        assertThat(onlyEventJson(decoded)).isEqualTo(json("{\"kind\": \"fault\", \"ts\": \"2026-11-29T08:01:12Z\","
                + " \"v\": 1, \"floor\": 12, \"code\": \"04\", \"name\": \"stopped_outside_unlocking_zone\"}"));
        assertThat(decoded.events().getFirst().kind()).isEqualTo("fault");
        assertThat(decoded.events().getFirst().ts()).isEqualTo(Instant.parse("2026-11-29T08:01:12Z"));
        assertThat(decoded.points()).isEmpty();
        assertThat(decoded.status()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "01, safety_circuit_open_while_running", "02, door_close_fault", "03, door_open_fault",
        "04, stopped_outside_unlocking_zone", "05, unintended_car_movement", "06, motor_runtime_limiter",
        "07, floor_position_lost", "08, door_open_while_running", "09, overtravel_top", "10, overtravel_bottom",
        "11, overspeed", "12, moving_with_door_open", "13, run_timeout", "14, repeated_door_open_close",
        "15, alarm_button_pressed", "99, other"})
    void everyGbT24476FaultCodeHasItsName(String code, String name) {
        DecodedMessage decoded = catalogue.decode(ELEVATOR,
                message(Endpoint.EVENT, "{\"kind\": \"fault\", \"code\": \"" + code + "\"}"));

        assertThat(onlyEventJson(decoded).get("name").asText()).isEqualTo(name);
    }

    @Test
    void entrapmentKeepsWhereAndHowLong() {
        DecodedMessage decoded = decode(ELEVATOR, "event-entrapment.json");

        assertThat(onlyEventJson(decoded).toString()).isEqualTo("{\"kind\":\"entrapment\",\"ts\":\"2026-11-29T08:02:00Z\","
                + "\"v\":1,\"floor\":12,\"doorZone\":false,\"trappedSeconds\":45}");
    }

    @ParameterizedTest
    @CsvSource({
        "back_to_normal, normal", "out_of_service, out_of_service", "inspection, inspection",
        "fire_return, fire_return", "firefighter, firefighter", "emergency_power, emergency_power",
        "earthquake, earthquake"})
    void serviceModeEventsUpdateTheServiceMode(String kind, String mode) {
        DecodedMessage decoded = decode(ELEVATOR, "event-" + kind + ".json");

        assertThat(decoded.status()).isEqualTo(Map.of("serviceMode", mode));
        assertThat(onlyEventJson(decoded).get("serviceMode").asText()).isEqualTo(mode);
    }

    @Test
    void alarmButtonAndPowerLossLeaveTheServiceModeAlone() {
        assertThat(decode(ELEVATOR, "event-alarm_button.json").status()).isEmpty();
        assertThat(decode(ELEVATOR, "event-power_lost.json").status()).isEmpty();
    }

    @Test
    void fieldsOfOtherKindsAreIgnored() {
        DecodedMessage decoded = catalogue.decode(ELEVATOR,
                message(Endpoint.EVENT, "{\"kind\": \"power_lost\", \"code\": \"bogus\", \"trappedSeconds\": -1}"));

        assertThat(onlyEventJson(decoded).has("code")).isFalse();
        assertThat(onlyEventJson(decoded).has("trappedSeconds")).isFalse();
    }
}
