package org.anju.protocol.catalogue;

import static org.anju.protocol.catalogue.Examples.RECEIVED_AT;
import static org.anju.protocol.catalogue.Examples.decode;
import static org.anju.protocol.catalogue.Examples.json;
import static org.anju.protocol.catalogue.Examples.message;
import static org.anju.protocol.catalogue.Examples.onlyEventJson;
import static org.anju.protocol.catalogue.Examples.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.error.ClientError;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;

class CameraCatalogueTest {

    private static final DeviceType CAMERA = DeviceType.CAMERA;
    private final DeviceCatalogue catalogue = DeviceCatalogue.standard();

    @Test
    void keepaliveBecomesStatusAndPoints() {
        DecodedMessage decoded = decode(CAMERA, "telemetry.json");

        Instant ts = Instant.parse("2026-11-29T08:00:00Z");
        assertThat(decoded.status()).isEqualTo(Map.of("keepaliveStatus", "OK"));
        assertThat(decoded.points()).containsExactlyInAnyOrder(
                point(ts, "keepaliveOk", 1), point(ts, "storageUsedBytes", 251_188_445_184L),
                point(ts, "storageTotalBytes", 256_060_514_304L), point(ts, "temperature", 46.5));
    }

    @Test
    void anErrorKeepaliveIsZero() {
        DecodedMessage decoded = decode(CAMERA, "telemetry-error.json");

        assertThat(decoded.status()).isEqualTo(Map.of("keepaliveStatus", "ERROR"));
        assertThat(decoded.points()).containsExactly(point(RECEIVED_AT, "keepaliveOk", 0));
    }

    @Test
    void temperatureAlarmsRecordTheTemperature() {
        DecodedMessage decoded = decode(CAMERA, "event-over_temperature.json");

        assertThat(decoded.points()).containsExactly(point(Instant.parse("2026-11-29T08:05:00Z"), "temperature", 78.5));
        assertThat(onlyEventJson(decoded).get("priority").asInt()).isEqualTo(2);
    }

    @Test
    void otherAlarmsIgnoreATemperature() {
        DecodedMessage decoded = catalogue.decode(CAMERA,
                message(Endpoint.EVENT, "{\"kind\": \"motion\", \"priority\": 4, \"temperature\": 999}"));

        assertThat(decoded.points()).isEmpty();
        assertThat(onlyEventJson(decoded).has("temperature")).isFalse();
    }

    @Test
    void plateReadKeepsPlateDirectionGateAndConfidence() {
        JsonNode event = onlyEventJson(decode(CAMERA, "event-plate_read.json"));

        assertThat(event).isEqualTo(json("{\"kind\": \"plate_read\", \"ts\": \"2026-11-29T08:05:03Z\", \"v\": 1,"
                + " \"plate\": \"京A12345\", \"readable\": true, \"direction\": \"in\", \"gateId\": \"north-gate-1\","
                + " \"confidence\": 0.97, \"plateColor\": \"blue\"}"));
    }

    @Test
    void anUnreadablePlateIsAReadWithoutPlate() {
        JsonNode event = onlyEventJson(decode(CAMERA, "event-plate_read-unreadable.json"));

        assertThat(event.get("plate").isNull()).isTrue();
        assertThat(event.get("readable").asBoolean()).isFalse();
        assertThat(event.get("confidence").asDouble()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"京A12345", "粤BD12345", "沪AF01234", "苏E12345D", "京AB123C", "川A1234学", "粤Z1234港", "云A1234挂"})
    void chinesePlatesAreAccepted(String plate) {
        JsonNode event = onlyEventJson(catalogue.decode(CAMERA, plateRead(plate)));

        assertThat(event.get("plate").asText()).isEqualTo(plate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"京a12345", "A123456", "京A123", "京A1234567", "京A 12345", "京A·12345", "港A12345", "京112345", ""})
    void whatIsNotAChinesePlateIsRefused(String plate) {
        assertThatThrownBy(() -> catalogue.decode(CAMERA, plateRead(plate)))
                .isInstanceOf(ClientError.class)
                .hasMessageStartingWith("camera event 'plate_read': field 'plate' must be a Chinese plate");
    }

    private static org.anju.protocol.DeviceMessage plateRead(String plate) {
        return message(Endpoint.EVENT, "{\"kind\": \"plate_read\", \"plate\": \"" + plate + "\", \"direction\": \"out\","
                + " \"gateId\": \"g1\", \"confidence\": 0.9}");
    }
}
