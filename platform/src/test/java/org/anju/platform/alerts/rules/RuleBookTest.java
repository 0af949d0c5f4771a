package org.anju.platform.alerts.rules;

import static org.anju.platform.alerts.rules.RuleTable.DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.platform.ingest.CommittedMessage;
import org.anju.platform.presence.PresenceChange;
import org.anju.protocol.DeviceEvent;

/**
 * What the rule book decides for every device type: presence changes become {@code device_offline}
 * (major for fire facilities and elevators, else minor), connection notices conclude nothing.
 */
class RuleBookTest {

    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");

    @ParameterizedTest(name = "{0} offline: {1}, fire data {2}")
    @CsvSource({
        "smoke_detector, major, true",
        "fire_panel, major, true",
        "elevator, major, false",
        "camera, minor, false",
        "ev_charger, minor, false",
        "parcel_locker, minor, false",
        "an_unknown_type, minor, false",
    })
    void offlineHoldsDeviceOfflineAndOnlineClearsIt(String deviceType, String severity, boolean fire) {
        Signal offline = RuleBook.offline(new PresenceChange("dev-1", deviceType, false, AT, "missed_heartbeats"));
        assertThat(RuleTable.render(List.of(offline))).containsExactly("hold device_offline " + severity);
        assertThat(offline.fire()).isEqualTo(fire);
        assertThat(offline.at()).isEqualTo(AT);
        assertThat(offline.deviceId()).isEqualTo("dev-1");
        assertThat(offline.detail().path("reason").asText()).isEqualTo("missed_heartbeats");

        Signal online = RuleBook.offline(new PresenceChange("dev-1", deviceType, true, AT.plusSeconds(5), "message_received"));
        assertThat(RuleTable.render(List.of(online))).containsExactly("clear device_offline");
        assertThat(online.fire()).isEqualTo(fire);
        assertThat(online.at()).isEqualTo(AT.plusSeconds(5));
        assertThat(online.detail().path("reason").asText()).isEqualTo("message_received");
    }

    @Test
    void theGatewaysConnectionNoticesConcludeNothing() {
        DeviceEvent connected = new DeviceEvent(AT, "dev-1", "connected", "{\"kind\": \"connected\"}");
        CommittedMessage notice = new CommittedMessage("dev-1", null, AT, List.of(), List.of(connected), Map.of());
        assertThat(new RuleBook().evaluate(notice, DEFAULTS)).isEmpty();
    }
}
