package org.anju.platform.alerts;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.presence.PresenceChange;

/**
 * The alert rules of every device type, fed with the device catalogue's example payloads through
 * real ingest into a real database: what opens, counts, clears and stays open.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlertRulesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static AlertHarness h;

    @BeforeAll
    static void start() {
        h = new AlertHarness(Instant.now());
        h.fixtures.device("det-1", "smoke_detector", "pw").device("uitd-1", "fire_panel", "pw")
                .device("lift-1", "elevator", "pw").device("lift-2", "elevator", "pw").device("cam-1", "camera", "pw")
                .device("evc-1", "ev_charger", "pw").device("locker-1", "parcel_locker", "pw")
                .device("cam-9", "camera", "pw").device("uitd-9", "fire_panel", "pw")
                .device("cam-8", "camera", "pw").device("uitd-8", "fire_panel", "pw");
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void smokeDetectorAlarmOpensAFireCaseAndItsFaultsOpenAndClear() throws Exception {
        h.event("det-1", example("smoke_detector", "event-alarm"));
        awaitAlerts("det-1", "fire_alarm open 1");
        assertThat(h.rows("SELECT state FROM fire_cases f JOIN alerts a ON a.id = f.alert_id WHERE a.device_id = 'det-1'"))
                .containsExactly("received");
        assertThat(h.rows("SELECT address, severity, fire FROM alerts WHERE device_id = 'det-1'"))
                .containsExactly("Elm Court, 1 Elm Road, Building 1, floor 3, Corridor critical t");
        assertThat(h.rows("SELECT topic, fire FROM notifications WHERE payload ->> 'deviceId' = 'det-1' ORDER BY id"))
                .containsExactly("fire.received t", "alert.opened t");

        h.event("det-1", example("smoke_detector", "event-alarm_cleared"));
        await().atMost(WAIT).until(() -> h.rows("SELECT status FROM alerts WHERE device_id = 'det-1' AND cleared_at IS NOT NULL")
                .equals(List.of("open")));

        h.event("det-1", example("smoke_detector", "event-low_battery"));
        awaitAlerts("det-1", "fire_alarm open 1", "low_battery open 1");
        h.event("det-1", example("smoke_detector", "event-heartbeat"));
        awaitAlerts("det-1", "fire_alarm open 1", "low_battery resolved 1");
        h.event("det-1", example("smoke_detector", "event-tamper"));
        awaitAlerts("det-1", "fire_alarm open 1", "low_battery resolved 1", "tamper open 1");
        // re-installed after the tamper (a clear measured before the alert changes nothing)
        h.event("det-1", example("smoke_detector", "event-installed").replace("16:00:05+08:00", "16:02:05+08:00"));
        awaitAlerts("det-1", "fire_alarm open 1", "low_battery resolved 1", "tamper resolved 1");
        h.event("det-1", example("smoke_detector", "event-end_of_life"));
        h.event("det-1", example("smoke_detector", "event-fault"));
        // end of life carries battery 12, under the 15 % threshold: low battery again
        awaitAlerts("det-1", "fire_alarm open 1", "low_battery resolved 1", "tamper resolved 1", "end_of_life open 1",
                "low_battery open 1", "detector_fault open 1");
        assertThat(h.rows("SELECT resolution, resolved_by FROM alerts WHERE device_id = 'det-1' AND type = 'tamper'"))
                .containsExactly("cleared device");
    }

    @Test
    void firePanelSignalsOpenAndTheirRestoredKindsClear() throws Exception {
        h.event("uitd-1", example("fire_panel", "event-fire_alarm"));
        h.event("uitd-1", example("fire_panel", "event-fault"));
        h.event("uitd-1", example("fire_panel", "event-uitd_fault"));
        h.event("uitd-1", example("fire_panel", "event-operation"));
        awaitAlerts("uitd-1", "fire_alarm open 1", "panel_fault open 1", "uitd_fault.link_to_center_failed open 1");
        assertThat(h.rows("SELECT address FROM alerts WHERE device_id = 'uitd-1' AND type = 'fire_alarm'"))
                .containsExactly("Elm Court, 1 Elm Road, Building 1, floor 3, Corridor, 3号楼 5层 东侧走廊");

        h.event("uitd-1", example("fire_panel", "event-fault_restored"));
        h.event("uitd-1", example("fire_panel", "event-uitd_fault_restored"));
        h.event("uitd-1", example("fire_panel", "event-fire_alarm_restored"));
        awaitAlerts("uitd-1", "fire_alarm open 1", "panel_fault resolved 1", "uitd_fault.link_to_center_failed resolved 1");
        // a restored fire alarm stays open: only its workflow's verdict resolves it
        await().atMost(WAIT).until(() -> !h.rows(
                "SELECT 1 FROM alerts WHERE device_id = 'uitd-1' AND type = 'fire_alarm' AND cleared_at IS NOT NULL").isEmpty());

        h.telemetry("uitd-1", example("fire_panel", "telemetry"));
        awaitAlerts("uitd-1", "fire_alarm open 1", "panel_fault resolved 1", "uitd_fault.link_to_center_failed resolved 1",
                "panel_fault open 1", "panel_backup_power_fault open 1");
        h.event("uitd-1", example("fire_panel", "event-main_power_fault"));
        h.event("uitd-1", example("fire_panel", "event-main_power_fault_restored"));
        awaitAlerts("uitd-1", "fire_alarm open 1", "panel_fault resolved 1", "uitd_fault.link_to_center_failed resolved 1",
                "panel_fault open 1", "panel_backup_power_fault open 1", "panel_main_power_fault resolved 1");
    }

    @Test
    void elevatorFaultsByCodeAndEntrapmentWithItsRescue() throws Exception {
        h.event("lift-1", example("elevator", "event-fault"));
        awaitAlerts("lift-1", "elevator_fault.04 open 1");
        assertThat(h.rows("SELECT severity, detail ->> 'name' FROM alerts WHERE device_id = 'lift-1'"))
                .containsExactly("major stopped_outside_unlocking_zone");
        h.event("lift-1", example("elevator", "event-back_to_normal"));
        awaitAlerts("lift-1", "elevator_fault.04 resolved 1");

        h.event("lift-1", example("elevator", "event-entrapment"));
        awaitAlerts("lift-1", "elevator_fault.04 resolved 1", "entrapment open 1");
        assertThat(h.rows("SELECT state, sla_due_at - opened_at FROM rescues WHERE device_id = 'lift-1'"))
                .containsExactly("open 00:30:00");
        assertThat(h.rows("SELECT topic, payload ->> 'audience' FROM notifications WHERE topic = 'rescue.opened'"
                + " AND payload ->> 'deviceId' = 'lift-1'")).containsExactly("rescue.opened maintenance_company");

        // a reading measured before the entrapment (overtaken by the alarm's lane) clears nothing
        h.telemetry("lift-1", example("elevator", "telemetry"));
        h.event("lift-1", example("elevator", "event-entrapment"));
        awaitAlerts("lift-1", "elevator_fault.04 resolved 1", "entrapment open 2");

        // the car runs again: nobody is trapped any more; the rescue record stays for its steps
        h.telemetry("lift-1", example("elevator", "telemetry").replace("16:00:00+08:00", "16:05:00+08:00"));
        awaitAlerts("lift-1", "elevator_fault.04 resolved 1", "entrapment resolved 2");
        assertThat(h.rows("SELECT state FROM rescues WHERE device_id = 'lift-1'")).containsExactly("open");
    }

    @Test
    void levelledCarStandingClosedWithAPassengerIsAnEntrapmentAfterTheCommunitysThreshold() throws Exception {
        h.sql("INSERT INTO community_alert_settings (community_id, entrapment_after_s, urban) VALUES ('elm-court', 30, false)"
                + " ON CONFLICT (community_id) DO UPDATE SET entrapment_after_s = 30, urban = false");
        try {
            levelledEntrapment();
        } finally {
            h.sql("DELETE FROM community_alert_settings");
        }
    }

    private static void levelledEntrapment() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        String standing = """
                {"ts": "%s", "serviceMode": "normal", "running": false, "direction": "none", "floor": 7,
                 "doorZone": true, "doorsClosed": true, "passengerPresent": true}""";
        h.telemetry("lift-2", standing.formatted(t0));
        h.telemetry("lift-2", standing.formatted(t0.plusSeconds(20)));
        h.telemetry("lift-2", standing.formatted(t0.plusSeconds(31)));

        awaitAlerts("lift-2", "entrapment open 1");
        assertThat(h.rows("SELECT first_seen = ?, detail ->> 'standingSeconds' FROM alerts WHERE device_id = 'lift-2'",
                java.sql.Timestamp.from(t0.plusSeconds(31)))).as("opened by the report after 30 s, not before")
                .containsExactly("t 31");
        assertThat(h.rows("SELECT sla_due_at - opened_at FROM rescues WHERE device_id = 'lift-2'"))
                .as("not urban: 1 h").containsExactly("01:00:00");
    }

    @Test
    void cameraAlarmsAndKeepaliveStateAgainstThresholds() throws Exception {
        h.telemetry("cam-1", example("camera", "telemetry"));
        awaitAlerts("cam-1", "camera_storage_full open 1");
        h.event("cam-1", example("camera", "event-tamper"));
        h.event("cam-1", example("camera", "event-over_temperature"));
        h.telemetry("cam-1", example("camera", "telemetry-error"));
        awaitAlerts("cam-1", "camera_storage_full open 1", "camera_tamper open 1", "camera_over_temperature open 1",
                "camera_error open 1");
        h.telemetry("cam-1", "{\"status\": \"OK\", \"storageUsedBytes\": 1000, \"storageTotalBytes\": 100000, \"temperature\": 40}");
        awaitAlerts("cam-1", "camera_storage_full resolved 1", "camera_tamper open 1", "camera_over_temperature resolved 1",
                "camera_error resolved 1");
    }

    @Test
    void chargerFaultsByErrorCodeAndOverTemperature() throws Exception {
        h.event("evc-1", example("ev_charger", "event-status_notification"));
        awaitAlerts("evc-1", "charger_fault.1.ground_failure open 1");
        assertThat(h.rows("SELECT severity, fire FROM alerts WHERE device_id = 'evc-1'")).containsExactly("major f");
        // a reading after the fault, without error
        h.telemetry("evc-1", example("ev_charger", "telemetry").replace("16:00:00+08:00", "16:02:00+08:00"));
        awaitAlerts("evc-1", "charger_fault.1.ground_failure resolved 1");
        h.telemetry("evc-1", "{\"connectorId\": 1, \"errorCode\": \"NoError\", \"meterValues\": "
                + "{\"Energy.Active.Import.Register\": 1523500, \"Temperature\": 96}}");
        awaitAlerts("evc-1", "charger_fault.1.ground_failure resolved 1", "charger_over_temperature.1 open 1");
    }

    @Test
    void lockerDoorFaultsAndOverdueParcels() throws Exception {
        h.event("locker-1", example("parcel_locker", "event-door_fault"));
        h.event("locker-1", example("parcel_locker", "event-overdue"));
        awaitAlerts("locker-1", "locker_door_fault.b02 open 1", "parcel_overdue.a03 open 1");
        h.telemetry("locker-1", example("parcel_locker", "telemetry"));
        h.telemetry("locker-1", "{\"compartments\": [{\"id\": \"B02\", \"size\": \"XL\", \"state\": \"empty\"}]}");
        h.event("locker-1", "{\"kind\": \"pickup\", \"compartment\": \"A03\", \"pickupCode\": \"1234\"}");
        awaitAlerts("locker-1", "locker_door_fault.b02 resolved 1", "parcel_overdue.a03 resolved 1");
    }

    @Test
    void offlineFromPresenceOpensAndOnlineClears() {
        Instant now = Instant.now();
        h.services().engine().changed(List.of(new PresenceChange("cam-9", "camera", false, now, "missed_heartbeats"),
                new PresenceChange("uitd-9", "fire_panel", false, now, "disconnected")));
        await().atMost(WAIT).until(() -> h.rows("SELECT device_id, severity, fire FROM alerts WHERE type = 'device_offline'"
                + " AND status = 'open' ORDER BY device_id").equals(List.of("cam-9 minor f", "uitd-9 major t")));

        h.services().engine().changed(List.of(new PresenceChange("cam-9", "camera", true, now.plusSeconds(60), "message_received")));
        await().atMost(WAIT).until(() -> h.rows("SELECT device_id, status FROM alerts WHERE type = 'device_offline' ORDER BY device_id")
                .equals(List.of("cam-9 resolved", "uitd-9 open")));
    }

    @Test
    void anOfflineChangeOvertakenByTheDevicesReturnChangesNothing() {
        // the device is online again by the time its offline change reaches the rules (ingest's two lanes)
        h.sql("INSERT INTO device_state (device_id, last_seen, online) VALUES ('cam-8', now(), true)"
                + " ON CONFLICT (device_id) DO UPDATE SET online = true");
        Instant now = Instant.now();
        h.services().engine().changed(List.of(new PresenceChange("cam-8", "camera", false, now, "disconnected")));
        // the engine applies its work in order: once a later change is applied, cam-8's was
        h.services().engine().changed(List.of(new PresenceChange("uitd-8", "fire_panel", false, now, "disconnected")));
        awaitAlerts("uitd-8", "device_offline open 1");
        assertThat(h.alerts("cam-8")).isEmpty();
    }

    private static void awaitAlerts(String deviceId, String... expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(h.alerts(deviceId)).containsExactly(expected));
    }
}
