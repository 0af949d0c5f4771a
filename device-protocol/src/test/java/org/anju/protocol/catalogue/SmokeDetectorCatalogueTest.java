package org.anju.protocol.catalogue;

import static org.anju.protocol.catalogue.Examples.RECEIVED_AT;
import static org.anju.protocol.catalogue.Examples.decode;
import static org.anju.protocol.catalogue.Examples.json;
import static org.anju.protocol.catalogue.Examples.onlyEventJson;
import static org.anju.protocol.catalogue.Examples.point;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.anju.protocol.DeviceType;

class SmokeDetectorCatalogueTest {

    private static final DeviceType SMOKE = DeviceType.SMOKE_DETECTOR;

    @Test
    void telemetryReadingsBecomePointsAtTheDeviceTime() {
        DecodedMessage decoded = decode(SMOKE, "telemetry.json");

        Instant ts = Instant.parse("2026-11-29T07:50:00Z");
        assertThat(decoded.points()).containsExactlyInAnyOrder(
                point(ts, "battery", 87), point(ts, "smokeConcentration", 0.12),
                point(ts, "temperature", 21.5), point(ts, "signal", -95));
        assertThat(decoded.status()).isEmpty();
    }

    @Test
    void alarmKeepsItsReadingsAsPointsAndInTheEvent() {
        DecodedMessage decoded = decode(SMOKE, "event-alarm.json");

        Instant ts = Instant.parse("2026-11-29T08:01:00Z");
        assertThat(decoded.points()).containsExactlyInAnyOrder(
                point(ts, "smokeConcentration", 6.2), point(ts, "temperature", 38.5));
        assertThat(onlyEventJson(decoded)).isEqualTo(json("{\"kind\": \"alarm\", \"ts\": \"2026-11-29T08:01:00Z\", \"v\": 1,"
                + " \"smokeConcentration\": 6.2, \"temperature\": 38.5}"));
    }

    @Test
    void lowBatteryRecordsTheBatteryLevel() {
        DecodedMessage decoded = decode(SMOKE, "event-low_battery.json");

        assertThat(decoded.points()).containsExactly(point(Instant.parse("2026-11-29T08:00:40Z"), "battery", 9));
        assertThat(decoded.events().getFirst().kind()).isEqualTo("low_battery");
    }

    @Test
    void heartbeatWithoutTimestampHappensAtReceiveTime() {
        DecodedMessage decoded = decode(SMOKE, "event-heartbeat.json");

        assertThat(decoded.events().getFirst().ts()).isEqualTo(RECEIVED_AT);
        assertThat(decoded.points()).containsExactlyInAnyOrder(
                point(RECEIVED_AT, "battery", 86), point(RECEIVED_AT, "signal", -97), point(RECEIVED_AT, "temperature", 22));
    }

    @Test
    void kindSpecificFieldsAreKept() {
        assertThat(onlyEventJson(decode(SMOKE, "event-silenced.json")).get("silencedSeconds").asInt()).isEqualTo(600);
        assertThat(onlyEventJson(decode(SMOKE, "event-test.json")).get("result").asText()).isEqualTo("passed");
        assertThat(onlyEventJson(decode(SMOKE, "event-fault.json")).get("detail").asText()).isEqualTo("smoke chamber contaminated");
        assertThat(onlyEventJson(decode(SMOKE, "event-installed.json")).get("firmware").asText()).isEqualTo("2.3.1");
    }

    @Test
    void tamperCarriesNothingButWhen() {
        DecodedMessage decoded = decode(SMOKE, "event-tamper.json");

        assertThat(onlyEventJson(decoded)).isEqualTo(json("{\"kind\": \"tamper\", \"ts\": \"2026-11-29T08:01:05Z\", \"v\": 1}"));
        assertThat(decoded.points()).isEmpty();
    }
}
