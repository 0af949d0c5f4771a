package org.anju.protocol.catalogue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.anju.protocol.catalogue.Examples.RECEIVED_AT;
import static org.anju.protocol.catalogue.Examples.message;
import static org.anju.protocol.catalogue.Examples.onlyEventJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.anju.error.ClientError;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;

class DeviceCatalogueTest {

    private static final String TAMPER = "{\"kind\": \"tamper\"";
    private final DeviceCatalogue catalogue = DeviceCatalogue.standard();

    @Test
    void timestampWithOffsetIsConvertedToUtc() {
        assertThat(tamperAt("\"2026-11-29T16:00:00+08:00\"").ts()).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
    }

    @Test
    void timestampInEpochMillisecondsIsAccepted() {
        Instant earlier = RECEIVED_AT.minusSeconds(90);

        assertThat(tamperAt(Long.toString(earlier.toEpochMilli())).ts()).isEqualTo(earlier);
    }

    @Test
    void withoutTimestampTheReceiveTimeIsUsed() {
        DecodedMessage decoded = catalogue.decode(DeviceType.SMOKE_DETECTOR, message(Endpoint.EVENT, TAMPER + "}"));

        assertThat(decoded.events().getFirst().ts()).isEqualTo(RECEIVED_AT);
        assertThat(onlyEventJson(decoded).get("ts").asText()).isEqualTo(RECEIVED_AT.toString());
    }

    @Test
    void aClockUpToFiveMinutesAheadIsTolerated() {
        Instant ahead = RECEIVED_AT.plus(DeviceCatalogue.DEFAULT_MAX_CLOCK_AHEAD);

        assertThat(tamperAt(Long.toString(ahead.toEpochMilli())).ts()).isEqualTo(ahead);
    }

    @Test
    void aTimestampFurtherAheadIsRefused() {
        long ahead = RECEIVED_AT.plus(DeviceCatalogue.DEFAULT_MAX_CLOCK_AHEAD).plusMillis(1).toEpochMilli();

        assertThatThrownBy(() -> tamperAt(Long.toString(ahead)))
                .isInstanceOf(ClientError.class)
                .hasMessage("smoke_detector event 'tamper': field 'ts' must be at most 300 s ahead of the server clock"
                        + " (2026-11-29T09:00:00Z), got " + ahead);
    }

    @Test
    void theClockToleranceIsConfigurable() {
        DeviceCatalogue strict = DeviceCatalogue.standard(Duration.ofSeconds(1));
        String ts = Long.toString(RECEIVED_AT.plusSeconds(2).toEpochMilli());

        assertThatThrownBy(() -> strict.decode(DeviceType.SMOKE_DETECTOR, message(Endpoint.EVENT, TAMPER + ", \"ts\": " + ts + "}")))
                .hasMessageContaining("at most 1 s ahead");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1", "1.0"})
    void versionOneIsAccepted(String version) {
        DecodedMessage decoded = catalogue.decode(DeviceType.SMOKE_DETECTOR,
                message(Endpoint.EVENT, TAMPER + ", \"v\": " + version + "}"));

        assertThat(onlyEventJson(decoded).get("v").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2|2", "0|0", "\"1\"|\"1\"", "4294967297|4294967297"})
    void otherVersionsAreRefusedNamingTheSupportedOne(String version, String shown) {
        assertThatThrownBy(() -> catalogue.decode(DeviceType.SMOKE_DETECTOR,
                message(Endpoint.EVENT, TAMPER + ", \"v\": " + version + "}")))
                .isInstanceOf(ClientError.class)
                .hasMessage("smoke_detector event: field 'v' must be a supported schema version: 1, got " + shown);
    }

    @Test
    void theVersionIsCheckedBeforeTheKind() {
        assertThatThrownBy(() -> catalogue.decode(DeviceType.SMOKE_DETECTOR,
                message(Endpoint.EVENT, "{\"kind\": \"new_in_v2\", \"v\": 2}")))
                .hasMessage("smoke_detector event: field 'v' must be a supported schema version: 1, got 2");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "|elevator telemetry: empty payload",
        "{\"floor\": 3|elevator telemetry: malformed JSON: Unexpected end-of-input",
        "[1, 2]|elevator telemetry: payload must be a JSON object, got array",
        "\"text\"|elevator telemetry: payload must be a JSON object, got string",
        "{\"floor\": 1, \"floor\": 2}|elevator telemetry: malformed JSON: Duplicate field 'floor'",
    })
    void unreadablePayloadsAreRefused(String payload, String message) {
        DeviceMessage unreadable = message(Endpoint.TELEMETRY, payload == null ? "" : payload);

        assertThatThrownBy(() -> catalogue.decode(DeviceType.ELEVATOR, unreadable))
                .isInstanceOf(ClientError.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void commandMessagesAreNotTheCataloguesBusiness() {
        DeviceMessage command = new DeviceMessage("acme", "dev-1", Endpoint.COMMAND, 1, "{}".getBytes(UTF_8), RECEIVED_AT);

        assertThatThrownBy(() -> catalogue.decode(DeviceType.CAMERA, command))
                .isInstanceOf(ClientError.class)
                .hasMessage("camera command: the catalogue decodes telemetry and events only");
    }

    @Test
    void aTypeNamedOnTheWireIsDecoded() {
        DecodedMessage decoded = catalogue.decode("smoke_detector", message(Endpoint.TELEMETRY, "{\"battery\": 50}"));

        assertThat(decoded.points()).hasSize(1);
    }

    @Test
    void anUnknownDeviceTypeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> catalogue.decode("water_meter", message(Endpoint.TELEMETRY, "{}")))
                .isInstanceOf(ClientError.class)
                .hasMessage("unknown device type 'water_meter': known types are camera, elevator, parcel_locker,"
                        + " ev_charger, smoke_detector, fire_panel");
    }

    @Test
    void eventKindsAreListedInDocumentationOrder() {
        assertThat(catalogue.eventKinds(DeviceType.EV_CHARGER))
                .containsExactly("status_notification", "session_started", "session_stopped");
        assertThat(catalogue.eventKinds(DeviceType.FIRE_PANEL)).startsWith("fire_alarm", "fire_alarm_restored", "fault");
    }

    @ParameterizedTest
    @EnumSource(DeviceType.class)
    void everyTypeHasItsSchemaOnTheClassPath(DeviceType type) {
        assertThat(getClass().getClassLoader().getResource(DeviceCatalogue.schemaResource(type))).isNotNull();
    }

    @Test
    void decodedMessagesCannotBeChangedAfterwards() {
        DecodedMessage decoded = catalogue.decode(DeviceType.SMOKE_DETECTOR, message(Endpoint.TELEMETRY, "{\"battery\": 50}"));

        assertThatThrownBy(() -> decoded.points().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> decoded.status().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
    }

    private org.anju.protocol.DeviceEvent tamperAt(String ts) {
        return catalogue.decode(DeviceType.SMOKE_DETECTOR, message(Endpoint.EVENT, TAMPER + ", \"ts\": " + ts + "}"))
                .events().getFirst();
    }
}
