package org.anju.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.error.ClientError;

class TelemetryDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private final TelemetryDecoder decoder = new TelemetryDecoder();

    @Test
    void numbersAndBooleansBecomeDataPointsAtReceiveTime() {
        List<DataPoint> points = decode("{\"battery\": 87, \"smoke\": 0.02, \"alarm\": false, \"label\": \"x\"}");

        assertThat(points).containsExactlyInAnyOrder(
                new DataPoint(NOW, "dev-1", "battery", 87),
                new DataPoint(NOW, "dev-1", "smoke", 0.02),
                new DataPoint(NOW, "dev-1", "alarm", 0));
    }

    @Test
    void nestedObjectsAreFlattenedWithDots() {
        List<DataPoint> points = decode("{\"door\": {\"open\": true, \"cycles\": 12}}");

        assertThat(points).extracting(DataPoint::metric).containsExactlyInAnyOrder("door.open", "door.cycles");
    }

    @Test
    void deviceTimestampIsUsedWhenGiven() {
        List<DataPoint> isoPoints = decode("{\"ts\": \"2026-11-29T07:59:00Z\", \"floor\": 3}");
        List<DataPoint> millisPoints = decode("{\"ts\": " + NOW.minusSeconds(60).toEpochMilli() + ", \"floor\": 3}");

        assertThat(isoPoints.getFirst().ts()).isEqualTo(Instant.parse("2026-11-29T07:59:00Z"));
        assertThat(millisPoints.getFirst().ts()).isEqualTo(NOW.minusSeconds(60));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"battery\": 8|malformed JSON",
        "[1, 2]|must be a JSON object",
        "{\"label\": \"only text\"}|no numeric or boolean value",
        "{\"ts\": \"yesterday\", \"a\": 1}|not an ISO-8601 instant",
        "{\"ts\": \"2026-11-29T09:00:00Z\", \"a\": 1}|ahead of the server clock",
        "{\"1abc\": 1}|must start with a letter",
        "{\"a\": 1, \"a\": 2}|malformed JSON",
    })
    void rejectsBadPayloadsWithAReason(String payload, String reason) {
        assertThatThrownBy(() -> decode(payload))
                .isInstanceOf(ClientError.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsEmptyPayload() {
        assertThatThrownBy(() -> decode("")).isInstanceOf(ClientError.class).hasMessage("empty payload");
    }

    @Test
    void eventKeepsKindAndWholePayload() {
        DeviceEvent event = decoder.decodeEvent(message("{\"kind\": \"alarm\", \"smoke\": 0.4}"));

        assertThat(event.kind()).isEqualTo("alarm");
        assertThat(event.ts()).isEqualTo(NOW);
        assertThat(event.payloadJson()).contains("\"smoke\":0.4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"smoke\": 1}", "{\"kind\": 7}", "{\"kind\": \"Bad Kind\"}"})
    void eventWithoutAProperKindIsRejected(String payload) {
        assertThatThrownBy(() -> decoder.decodeEvent(message(payload)))
                .isInstanceOf(ClientError.class)
                .hasMessageContaining("'kind'");
    }

    private static DeviceMessage message(String json) {
        return new DeviceMessage("acme", "dev-1", Endpoint.EVENT, 1, json.getBytes(UTF_8), NOW);
    }

    private List<DataPoint> decode(String json) {
        return decoder.decode(new DeviceMessage("acme", "dev-1", Endpoint.TELEMETRY, 1, json.getBytes(UTF_8), NOW));
    }
}
