package org.anju.platform.maintenance.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.maintenance.CompletedWork;
import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * Assets, plans and usage counters through the real pipeline: a property administrator provisions
 * the assets and plans over HTTP (the rules refuse what breaks them, by name); an elevator publishes
 * its cumulative counters over MQTT (Paho), including a counter reset; the counters sum the
 * increments, the reset read as a restart from 0; in on-demand mode the run brings the maintenance
 * forward once, and its completion restarts the counters and counts as the half-monthly visit.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MaintenanceApiIT {

    private static final String SECRET = "device-secret";
    private static final String BASE = "/api/v1/communities/elm-court/maintenance";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        api = new ApiCalls(running);
        running.fixtures().device("elev-1", "elevator", SECRET).device("det-1", "smoke_detector", SECRET)
                .device("evc-1", "ev_charger", SECRET).device("lock-1", "parcel_locker", SECRET)
                .propertyUser("pam", "pam-password-1", "property_admin")
                .propertyUser("tina", "tina-password-1", "technician");
        admin = running.login("pam", "pam-password-1");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void provisioningIsIdempotentAndRefusesABrokenRuleNamingTheField() throws Exception {
        String assets = """
                {"assets": [
                  {"deviceId": "det-1", "maintainerCompanyId": "m-9", "maintainerCompanyName": "Fire Care"},
                  {"deviceId": "elev-2x", "mode": "calendar"}]}""";
        assertThat(ApiCalls.message(api.put(BASE + "/assets", admin, assets, 400)))
                .startsWith("assets[1].deviceId: no device 'elev-2x'");
        assertThat(ApiCalls.message(api.put(BASE + "/assets", admin,
                "{\"assets\": [{\"deviceId\": \"det-1\", \"mode\": \"on_demand\"}]}", 400)))
                .startsWith("assets[0].mode: rule mode.on_demand_elevators_only");
        String one = "{\"assets\": [{\"deviceId\": \"det-1\", \"contractRef\": \"FC-2027\"}]}";
        assertThat(api.put(BASE + "/assets", admin, one, 200).get("created").asInt()).isEqualTo(1);
        assertThat(api.put(BASE + "/assets", admin, one, 200).get("unchanged").asInt()).isEqualTo(1);
        assertThat(ApiCalls.message(api.post(BASE + "/plans", admin, """
                {"deviceId": "det-1", "kind": "detector_test", "startOn": "2027-01-05",
                 "checklist": ["elevator.brake"]}""", 400))).startsWith("rule checklist.asset_kind:");
    }

    @Test
    void countersSumIncrementsAcrossAResetAndBringOnDemandWorkForwardOnce() throws Exception {
        // GIVEN an on-demand elevator with a half-monthly plan and a trips threshold of 100
        api.put("/api/v1/devices/elev-1/maintenance/asset", admin, """
                {"mode": "on_demand", "registrationCode": "31103101002019000123", "maintainerCompanyId": "m-1",
                 "maintainerCompanyName": "Otis Shanghai", "nextInspectionOn": "2027-09-01"}""", 200);
        assertThat(ApiCalls.message(api.post(BASE + "/plans", admin,
                "{\"deviceId\": \"elev-1\", \"kind\": \"elevator_half_monthly\", \"startOn\": \"2027-01-05\", \"every\": 16}",
                400))).startsWith("rule elevator.max_15_days:");
        LocalDate today = running.platform().maintenancePlans().today();
        JsonNode plan = api.post(BASE + "/plans", admin, "{\"deviceId\": \"elev-1\", \"kind\": \"elevator_half_monthly\","
                + " \"startOn\": \"" + today.plusDays(10) + "\"}", 201);
        assertThat(plan.get("minCrew").asInt()).isEqualTo(2);
        api.put(BASE + "/counter-thresholds", admin, "{\"elevator_trips\": 100}", 200);

        // WHEN the elevator reports trips 1000, 1050, 1100, then (reset) 5 and 45
        for (long trips : new long[] {1000, 1050, 1100, 5, 45}) {
            publish("elev-1", trips);
        }

        // THEN a technician reads 145 trips with one restart, over the threshold
        JsonNode trips = counter(api.get("/api/v1/devices/elev-1/maintenance", running.login("tina", "tina-password-1"),
                200), "elevator_trips");
        assertThat(trips.get("value").asDouble()).isEqualTo(145.0);
        assertThat(trips.get("restarts").asInt()).isEqualTo(1);
        assertThat(trips.get("over").asBoolean()).isTrue();

        // WHEN the daily run runs twice THEN the work is brought forward once, due today, for 2 people
        RecordingSink sink = new RecordingSink();
        MaintenancePlans plans = running.platform().maintenancePlans();
        assertThat(plans.run(today, sink).counterOrders()).isEqualTo(1);
        assertThat(plans.run(today, sink).counterOrders()).isZero();
        DueWork due = sink.calls.stream().filter(w -> w.source() == WorkSource.COUNTER).findFirst().orElseThrow();
        assertThat(due.sourceRef()).startsWith("counter:elevator_trips:elev-1:");
        assertThat(due.dueOn()).isEqualTo(today);
        assertThat(due.minCrew()).isEqualTo(2);
        assertThat(due.evidence()).contains("\"value\": 145.0").contains("\"threshold\": 100.0");

        // WHEN the work is done THEN the counters restart and it counts as the half-monthly visit
        plans.work().inTransaction("test", tx -> {
            plans.completions().completed(tx, new CompletedWork(7, "elm-court", "elev-1", WorkSource.COUNTER,
                    due.sourceRef(), Instant.now()));
            return null;
        });
        JsonNode after = api.get("/api/v1/devices/elev-1/maintenance", admin, 200);
        assertThat(counter(after, "elevator_trips").get("value").asDouble()).isZero();
        assertThat(after.get("plans").get(0).get("lastDoneOn").asText()).isEqualTo(today.toString());
        assertThat(after.get("plans").get(0).get("nextDueOn").asText()).isEqualTo(today.plusDays(15).toString());
        JsonNode calendar = api.get(BASE + "/calendar?from=" + today + "&to=" + today.plusDays(40), admin, 200);
        assertThat(calendar.get("occurrences")).extracting(o -> o.get("dueOn").asText())
                .containsExactly(today.plusDays(15).toString(), today.plusDays(30).toString());
    }

    @Test
    void chargerAndLockerCountersComeFromMeterRegistersAndEvents() throws Exception {
        // GIVEN a charger and a locker provisioned as assets
        api.put(BASE + "/assets", admin, "{\"assets\": [{\"deviceId\": \"evc-1\"}, {\"deviceId\": \"lock-1\"}]}", 200);

        // WHEN three sessions start (two on connector 1), the registers advance, and a parcel goes in and out
        int transaction = 0;
        // a session start is also a register reading (meterStart)
        for (int connector : new int[] {1, 1, 2}) {
            send("evc-1", "event", """
                    {"kind": "session_started", "ts": "%s", "transactionId": %d, "connectorId": %d, "idTag": "CARD-1",
                     "meterStart": %d}""".formatted(Instant.now(), ++transaction, connector, connector == 1 ? 1000 : 500));
        }
        for (String reading : new String[] {"1, 1000", "1, 3000", "2, 500", "2, 1500"}) {
            String[] r = reading.split(", ");
            send("evc-1", "telemetry", """
                    {"ts": "%s", "connectorId": %s, "meterValues": {"Energy.Active.Import.Register": %s}}"""
                    .formatted(Instant.now(), r[0], r[1]));
        }
        for (String kind : new String[] {"deposit", "pickup"}) {
            send("lock-1", "event", """
                    {"kind": "%s", "ts": "%s", "compartment": "A01", "pickupCode": "123456", "courier": "SF"}"""
                    .formatted(kind, Instant.now()));
        }

        // THEN 3 sessions, 2 cycles on the busiest connector, 3 kWh, and 2 locker door cycles
        JsonNode charger = api.get("/api/v1/devices/evc-1/maintenance", admin, 200);
        assertThat(counter(charger, "charger_sessions").get("value").asDouble()).isEqualTo(3.0);
        assertThat(counter(charger, "charger_connector_cycles").get("value").asDouble()).isEqualTo(2.0);
        assertThat(counter(charger, "charger_energy_kwh").get("value").asDouble()).isEqualTo(3.0);
        assertThat(counter(api.get("/api/v1/devices/lock-1/maintenance", admin, 200), "locker_door_cycles")
                .get("value").asDouble()).isEqualTo(2.0);
    }

    private static JsonNode counter(JsonNode device, String name) {
        for (JsonNode c : device.get("counters")) {
            if (c.get("counter").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no counter " + name + " in " + device);
    }

    private static void publish(String deviceId, long trips) throws Exception {
        send(deviceId, "telemetry", """
                {"ts": "%s", "serviceMode": "normal", "running": false, "direction": "none", "floor": 1,
                 "doorZone": true, "doorsClosed": true, "passengerPresent": false, "trips": %d}"""
                .formatted(Instant.now(), trips));
    }

    private static void send(String deviceId, String topic, String json) throws Exception {
        Device5 device = Device5.connect(running.mqttUri(), deviceId, deviceId + "@" + Fixtures.TENANT, SECRET);
        try {
            assertThat(device.publishAndAwaitReason(topic, json)).isZero();
        } finally {
            device.close();
        }
    }

    @Test
    void forecastsListTheCommunitysDevicesOnlyFilteredAndRefuseAnUnknownSubject() throws Exception {
        // GIVEN the last pass's forecasts: a due one here, one beyond the horizon, one in another community
        running.fixtures().otherCommunityDevice("far-det", "smoke_detector");
        running.sql("""
                INSERT INTO maintenance_forecasts (device_id, subject, metric, outcome, computed_at, raised_at, points,
                       first_day, last_day, slope_per_day, slope_low, slope_high, level, limit_value, rising, confidence,
                       expected_on, earliest_on, latest_on, due_in_days) VALUES
                ('det-1', 'battery_depletion', 'battery', 'due', now(), now(), 60, '2027-01-01', '2027-03-01',
                 -0.4, -0.41, -0.39, 16.1, 10, false, 1, '2027-03-16', '2027-03-14', '2027-03-18', 15),
                ('elev-1', 'door_faults', 'door_faults', 'beyond_horizon', now(), NULL, 8, '2027-01-01', '2027-02-19',
                 0.5, 0.2, 0.8, 20, 80, true, 0.9, '2027-06-01', '2027-05-01', '2027-07-01', 90),
                ('far-det', 'battery_depletion', 'battery', 'due', now(), now(), 60, '2027-01-01', '2027-03-01',
                 -0.4, -0.41, -0.39, 16.1, 10, false, 1, '2027-03-16', '2027-03-14', '2027-03-18', 15)""");
        String tina = running.login("tina", "tina-password-1");

        // WHEN a technician lists them THEN the community's, soonest expected first, with their evidence
        JsonNode all = api.get(BASE + "/forecasts", tina, 200).get("items");
        assertThat(all).extracting(f -> f.get("deviceId").asText()).containsExactly("det-1", "elev-1");
        assertThat(all.get(0).get("raisedAt").isNull()).isFalse();
        assertThat(all.get(0).get("evidence").get("limit").asDouble()).isEqualTo(10.0);
        assertThat(all.get(1).get("raisedAt").isNull()).isTrue();
        assertThat(api.get(BASE + "/forecasts?subject=door_faults&outcome=due", tina, 200).get("items")).isEmpty();
        assertThat(api.get(BASE + "/forecasts?outcome=beyond_horizon", tina, 200).get("items"))
                .extracting(f -> f.get("subject").asText()).containsExactly("door_faults");
        assertThat(ApiCalls.message(api.get(BASE + "/forecasts?subject=doors", tina, 400)))
                .startsWith("parameter 'subject' must be one of");
        assertThat(ApiCalls.message(api.get(BASE + "/forecasts?limit=501", tina, 400))).contains("'limit'");
    }
}
