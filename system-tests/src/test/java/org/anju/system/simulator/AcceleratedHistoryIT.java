package org.anju.system.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.delivery.Outbox;
import org.anju.platform.maintenance.forecast.ForecastPass;
import org.anju.platform.maintenance.forecast.ForecastRun;
import org.anju.platform.maintenance.forecast.ForecastSettings;
import org.anju.platform.maintenance.plans.MaintenancePlans;
import org.anju.platform.maintenance.work.WorkOrders;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.rollup.RollupSettings;
import org.anju.platform.storage.rollup.Rollups;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.behaviour.Behaviour;
import org.anju.simulator.behaviour.Behaviours;
import org.anju.simulator.behaviour.Emitter;
import org.anju.simulator.community.PlatformApi;
import org.anju.simulator.device.DeviceStates;
import org.anju.simulator.device.MqttVersion;
import org.anju.simulator.history.Backfill;
import org.anju.simulator.scenario.PlatformObservations;

/**
 * 180 days of accelerated history from the simulators through the real pipeline (gateway, ingest,
 * rollups) into the forecast pass (issue 13 "Tests"): a small community of three elevators (one
 * whose doors wear), two smoke detectors, two cameras and two chargers. The worn elevator's rising
 * door faults are forecast, with an expected date after the history and before the door's
 * simulated failure, within a tolerance of the date the model's parameters give; no healthy device
 * gets a forecast that is due, and no healthy elevator a door-fault forecast at all.
 * <p>
 * Wear parameters (docs/simulators.md "Wear and drift"): past {@value #ONSET} door cycles the worn
 * doors fault {@value #WEAR_PER_10K} times a week per 10,000 cycles; with about 1,150 door cycles a
 * day the onset comes about eight weeks before the end of the history, so the eight weekly counts
 * the pass reads rise from about 5 to about 60 (counted door faults include every door re-open
 * the controller logs; with fewer, Poisson noise keeps eight weekly counts from a significant
 * trend). The test sets the pass's limit ({@code maintenance.forecast.doorFaultsPerWeek}) to
 * {@value #LIMIT} a week, which the model
 * reaches {@code LIMIT / WEAR_PER_10K × 10,000} cycles past the onset, weeks before the door fails
 * {@value #FAILURE} cycles past the onset.
 * <p>
 * Maintenance (issue 13 items 1, 2, 4; {@link HistoryMaintenance}): the devices are provisioned as
 * assets with a half-monthly plan on each elevator before the history; afterwards the elevators'
 * usage counters equal their telemetry's last minus first values, the due forecast opened one
 * FORECAST work order (for the worn elevator, due before the door fails, none for healthy devices)
 * that the scenario {@code elevator-door-wear}'s checker finds through the API, and the verified
 * half-monthly visit restarts the counters and schedules the next visit at most 15 days later. The
 * simulators never reset a counter (no command or incident does), so a reset is not part of this
 * history; {@code MaintenanceApiIT} covers one through the pipeline.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class AcceleratedHistoryIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int DAYS = 180;
    private static final long ONSET = 140_000;
    private static final double WEAR_PER_10K = 10;
    private static final long FAILURE = 130_000;
    private static final int LIMIT = 80;
    private static final String SECRET = "history-secret";
    private static final String WORN = "lift-worn";

    private static RunningPlatform running;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        // the platform's own daily pass would run at start-up, on a half-written history: the test runs the pass
        running = RunningPlatform.start(Map.of("ANJU_RETENTION_TELEMETRY", "200d",
                "ANJU_MAINTENANCE_FORECAST_DOOR_FAULTS_PER_WEEK", String.valueOf(LIMIT),
                "ANJU_MAINTENANCE_FORECAST_RUN_AT", "23:59"));
        dir = Files.createTempDirectory("anju-history-it");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    /** The devices: id, type, wear attributes. */
    private static DeviceManifest manifest() {
        Map<String, Map<String, String>> devices = new java.util.LinkedHashMap<>();
        devices.put(WORN, Map.of("doorWearFaultsPer10kCycles", String.valueOf(WEAR_PER_10K),
                "doorWearOnsetCycles", String.valueOf(ONSET), "doorFailureCycles", String.valueOf(FAILURE),
                // only wear: a random common fault could be a 03 and look like the door's failure
                "faultsPerYear", "0"));
        devices.put("lift-2", Map.of());
        devices.put("lift-3", Map.of());
        devices.put("det-1", Map.of());
        devices.put("det-2", Map.of());
        devices.put("cam-1", Map.of());
        devices.put("cam-2", Map.of());
        devices.put("charger-1", Map.of());
        devices.put("charger-2", Map.of());
        List<DeviceManifest.Device> list = new ArrayList<>();
        devices.forEach((id, attributes) -> list.add(new DeviceManifest.Device(id, Fixtures.TENANT, id, SECRET,
                type(id), Fixtures.COMMUNITY, null, null, attributes)));
        return new DeviceManifest(running.mqttUri(), list);
    }

    private static String type(String id) {
        return id.startsWith("lift") ? "elevator" : id.startsWith("det") ? "smoke_detector"
                : id.startsWith("cam") ? "camera" : "ev_charger";
    }

    @Test
    void theWornElevatorsRisingDoorFaultsAreForecastBeforeTheDoorFailsAndHealthyDevicesAreNot() throws Exception {
        // GIVEN 180 days of history up to the start of today (China time), through the gateway
        DeviceManifest manifest = manifest();
        Fixtures fixtures = running.fixtures();
        manifest.devices().forEach(d -> fixtures.device(d.id(), d.type(), SECRET));
        LocalDate today = LocalDate.now(SHANGHAI);
        Instant from = today.minusDays(DAYS).atStartOfDay(SHANGHAI).toInstant();
        Instant to = today.atStartOfDay(SHANGHAI).toInstant().minusSeconds(1);
        HistoryMaintenance maintenance = HistoryMaintenance.logIn(running);
        maintenance.provision(manifest.devices().stream().map(DeviceManifest.Device::id).toList(), today,
                from.minusSeconds(60));
        DeviceStates states = DeviceStates.nextTo(dir.resolve("devices.json"));
        Backfill.Report report = new Backfill().run(manifest, new Backfill.Options(null, MqttVersion.V5, from, to,
                Duration.ofHours(2), 90, 32, manifest.devices().size(), states));
        assertThat(report.failed()).isZero();
        assertThat(report.devicesFailed()).isZero();
        assertThat(report.acknowledged()).isGreaterThan(manifest.devices().size() * 12L * DAYS);

        // WHEN the rollups are rebuilt and the forecast pass runs
        Database database = running.platform().database();
        Rollups.open(database.work(), database.timescale(), new RollupSettings(Duration.ofMinutes(1), SHANGHAI,
                Duration.ofDays(200), Duration.ofDays(730)), Clock.systemUTC()).rebuild(from, to);
        ForecastSettings defaults = ForecastSettings.defaults(SHANGHAI);
        ForecastSettings settings = new ForecastSettings(defaults.rules(), defaults.batteryFloorPercent(),
                defaults.chamberDriftLimit(), defaults.diskFullFraction(), defaults.connectorTemperatureLimitC(), LIMIT,
                SHANGHAI);
        Vertx vertx = Vertx.vertx();
        ForecastRun run;
        try {
            run = new ForecastPass(database.work(), settings, new Outbox(vertx),
                    new WorkOrders(database.work(), Clock.systemUTC()), Clock.systemUTC()).run();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        // THEN the worn elevator's door faults are forecast: rising, due, expected after the history
        assertThat(run.series()).isPositive();
        Map<String, Map<String, String>> forecasts = forecasts();
        assertThat(forecasts).containsKey(WORN + " door_faults");
        Map<String, String> doors = forecasts.get(WORN + " door_faults");
        assertThat(doors.get("outcome")).isEqualTo("due");
        assertThat(Double.parseDouble(doors.get("slope_per_day"))).isPositive();
        LocalDate expected = LocalDate.parse(doors.get("expected_on"));
        // weekly counts are placed at their week's first day, so the fit runs half a week early:
        // the crossing is after the last counted week began, not one that already happened
        assertThat(expected).isAfterOrEqualTo(today.minusDays(7));

        // ... close to the day the model reaches the limit, and before the door's simulated failure
        long[] cycles = doorCycles(WORN);
        double cyclesPerDay = (cycles[1] - cycles[0]) / (double) DAYS;
        JsonNode saved = states.load().get(WORN);
        long pastOnset = saved.get("doorCycles").asLong() - saved.get("doorCyclesAtService").asLong() - ONSET;
        assertThat(pastOnset).as("the onset came about eight weeks before the end").isBetween((long) (6 * 7 * cyclesPerDay),
                (long) (10 * 7 * cyclesPerDay));
        long limitCycles = (long) (LIMIT / WEAR_PER_10K * 10_000);
        LocalDate modelDay = today.plusDays(Math.round((limitCycles - pastOnset) / cyclesPerDay));
        assertThat(expected).isBetween(modelDay.minusDays(21), modelDay.plusDays(21));
        assertThat(noDoorFailureYet()).as("the door has not failed in the history").isTrue();
        LocalDate failure = simulatedFailure(manifest, saved, to);
        assertThat(expected).isBefore(failure);

        // ... and raised once, to the device's community
        assertThat(run.raised()).isEqualTo(1);
        assertThat(running.sqlRows("SELECT payload->>'deviceId' FROM notifications WHERE topic = '"
                + ForecastPass.TOPIC + "' AND payload->>'subject' = 'door_faults'")).containsExactly(WORN);

        // no healthy device has a due forecast, and no healthy elevator a door-fault forecast at all
        assertThat(forecasts.entrySet()).filteredOn(e -> !e.getKey().startsWith(WORN + " "))
                .allSatisfy(e -> assertThat(e.getValue().get("outcome")).as(e.getKey()).isNotEqualTo("due"));
        assertThat(forecasts).doesNotContainKeys("lift-2 door_faults", "lift-3 door_faults");

        // ... and opened one work order, for the worn elevator, due before the door fails
        List<JsonNode> forecastOrders = maintenance.orders("forecast");
        assertThat(forecastOrders).extracting(o -> o.get("deviceId").asText()).containsExactly(WORN);
        JsonNode forecastOrder = forecastOrders.getFirst();
        assertThat(forecastOrder.get("sourceRef").asText()).startsWith("forecast:" + WORN + "/door_faults/");
        assertThat(LocalDate.parse(forecastOrder.get("dueOn").asText())).isBeforeOrEqualTo(expected).isBefore(failure);
        assertThat(forecastOrder.get("minCrew").asInt()).isEqualTo(2);
        assertThat(forecastOrder.get("evidence").get("subject").asText()).isEqualTo("door_faults");

        // ... which is what the scenario elevator-door-wear's checker reads, through the same API
        PlatformObservations observations = new PlatformObservations(PlatformApi.login(running.baseUrl(), "pam",
                HistoryMaintenance.PASSWORD));
        PlatformObservations.Alerts forecast = observations.forecasts(Fixtures.COMMUNITY, "door_faults");
        assertThat(forecast.notCheckable()).isNull();
        assertThat(forecast.seen()).extracting(PlatformObservations.Seen::deviceId).containsExactly(WORN);
        assertThat(forecast.seen().getFirst().at()).isNotNull();
        assertThat(observations.workOrders(Fixtures.COMMUNITY, "forecast").seen())
                .extracting(PlatformObservations.Seen::deviceId).containsExactly(WORN);

        // the usage counters since the history began are the telemetry's last minus first values
        for (String lift : List.of(WORN, "lift-2", "lift-3")) {
            assertCounter(maintenance, lift, "elevator_trips", "trips");
            assertCounter(maintenance, lift, "elevator_door_cycles", "doorCycles");
            assertCounter(maintenance, lift, "elevator_run_hours", "runHours");
        }

        // the daily plan run opens today's half-monthly visit of each elevator; once it is done and
        // verified, the worn elevator's counters restart and its next visit is 15 days later
        MaintenancePlans plans = running.platform().maintenancePlans();
        // (the platform's own hourly run may have opened them already: opening is idempotent)
        plans.run(today, new WorkOrders(database.work(), Clock.systemUTC()));
        List<JsonNode> planOrders = maintenance.orders("plan");
        assertThat(planOrders).extracting(o -> o.get("deviceId").asText())
                .containsExactlyInAnyOrder(WORN, "lift-2", "lift-3");
        maintenance.complete(planOrders.stream().filter(o -> o.get("deviceId").asText().equals(WORN)).findFirst()
                .orElseThrow());
        JsonNode worn = maintenance.device(WORN);
        JsonNode plan = worn.get("plans").get(0);
        assertThat(plan.get("lastDoneOn").asText()).isEqualTo(today.toString());
        LocalDate next = LocalDate.parse(plan.get("nextDueOn").asText());
        assertThat(next).isAfter(today).isBeforeOrEqualTo(today.plusDays(15));
        assertThat(maintenance.counter(WORN, "elevator_door_cycles").get("value").asDouble()).isZero();
    }

    /** Asserts the counter equals the metric's last minus first stored value, with no restart. */
    private static void assertCounter(HistoryMaintenance maintenance, String deviceId, String counter, String metric)
            throws Exception {
        String[] range = running.sqlRows("SELECT (array_agg(value ORDER BY ts))[1] || ' ' || (array_agg(value ORDER BY ts DESC))[1]"
                + " FROM telemetry WHERE device_id = '" + deviceId + "' AND metric = '" + metric + "'").getFirst()
                .split(" ");
        double usage = Double.parseDouble(range[1]) - Double.parseDouble(range[0]);
        JsonNode value = maintenance.counter(deviceId, counter);
        assertThat(usage).as(deviceId + " " + metric).isPositive();
        assertThat(value.get("value").asDouble()).as(deviceId + " " + counter).isCloseTo(usage, within(0.01));
        assertThat(value.get("restarts").asInt()).as(deviceId + " " + counter).isZero();
    }

    /** Returns the forecasts by "device subject", each row's columns as text. */
    private static Map<String, Map<String, String>> forecasts() {
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String row : running.sqlRows("SELECT device_id || ' ' || subject || '|' || outcome || '|' || slope_per_day"
                + " || '|' || expected_on FROM maintenance_forecasts")) {
            String[] parts = row.split("\\|");
            rows.put(parts[0], Map.of("outcome", parts[1], "slope_per_day", parts[2], "expected_on", parts[3]));
        }
        return rows;
    }

    /** Returns the first and last door cycle counter the platform stored for the device. */
    private static long[] doorCycles(String deviceId) {
        String[] range = running.sqlRows("SELECT min(value)::bigint || ' ' || max(value)::bigint FROM telemetry "
                + "WHERE device_id = '" + deviceId + "' AND metric = 'doorCycles'").getFirst().split(" ");
        return new long[] {Long.parseLong(range[0]), Long.parseLong(range[1])};
    }

    private static boolean noDoorFailureYet() {
        return running.sqlRows("SELECT count(*) FROM device_events WHERE device_id = '" + WORN
                + "' AND kind = 'fault' AND payload->>'code' = '03'").getFirst().equals("0");
    }

    /** Runs the worn elevator on from where the history ended, without publishing, until its door fails. */
    private static LocalDate simulatedFailure(DeviceManifest manifest, JsonNode saved, Instant end) {
        DeviceManifest.Device worn = manifest.devices().stream().filter(d -> d.id().equals(WORN)).findFirst()
                .orElseThrow();
        Behaviour behaviour = Behaviours.create(worn);
        behaviour.restoreState(saved);
        Instant[] failedAt = new Instant[1];
        Emitter watch = new Emitter() {
            @Override
            public void telemetry(Instant ts, Map<String, Object> payload) {
            }

            @Override
            public void event(Instant ts, Map<String, Object> payload) {
                if (failedAt[0] == null && "fault".equals(payload.get("kind")) && "03".equals(payload.get("code"))) {
                    failedAt[0] = ts;
                }
            }
        };
        for (Instant t = end.plus(Duration.ofHours(2)); failedAt[0] == null; t = t.plus(Duration.ofHours(2))) {
            assertThat(t).as("the door fails within a year").isBefore(end.plus(Duration.ofDays(365)));
            behaviour.step(t, watch);
        }
        return LocalDate.ofInstant(failedAt[0], SHANGHAI);
    }
}
