package org.anju.system.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;
import org.anju.simulator.CommunitySimulator;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.device.DeviceStates;
import org.anju.simulator.device.MqttVersion;
import org.anju.simulator.history.Backfill;
import org.anju.simulator.incident.Incident;
import org.anju.simulator.incident.IncidentKind;

/**
 * Simulated devices against the real platform: commands through the API answered by the devices,
 * incidents stored as events, back-dated history accepted, state kept across a restart.
 * Simulated time is a clock the test moves; the devices' periodic steps are hours apart.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SimulatedDevicesIT {

    private static final String SECRET = "sim-secret";
    private static final List<String[]> DEVICES = List.of(new String[] {"locker-1", "parcel_locker"},
            new String[] {"lift-1", "elevator"}, new String[] {"charger-1", "ev_charger"}, new String[] {"det-1", "smoke_detector"});
    private static RunningPlatform running;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        Fixtures fixtures = running.fixtures().propertyUser("olga", "olga-password", "operator");
        DEVICES.forEach(d -> fixtures.device(d[0], d[1], SECRET));
        dir = Files.createTempDirectory("anju-sim-it");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    private static DeviceManifest manifest() {
        return new DeviceManifest(running.mqttUri(), DEVICES.stream()
                .map(d -> new DeviceManifest.Device(d[0], Fixtures.TENANT, d[0], SECRET, d[1])).toList());
    }

    private static CommunitySimulator startSimulator(Path manifestFile, Clock clock) throws Exception {
        CommunitySimulator simulator = CommunitySimulator.start(manifest(), new CommunitySimulator.Options(null, MqttVersion.V5,
                Duration.ofHours(1), DeviceStates.nextTo(manifestFile), clock));
        await().atMost(Duration.ofSeconds(60)).until(() -> simulator.stats().connected() == DEVICES.size());
        return simulator;
    }

    @Test
    void commandsAreAnsweredByTheSimulatedDevicesAndStateSurvivesARestart() throws Exception {
        // yesterday morning, China time: couriers are filling the locker
        Instant morning = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        TestClock clock = new TestClock(morning);
        Path manifestFile = dir.resolve("devices.json");
        CommunitySimulator simulator = startSimulator(manifestFile, clock);
        String operator = running.login("olga", "olga-password");
        int compartment;
        long tripsBefore;
        try {
            for (int i = 0; i <= 24 && (compartment = occupied(simulator)) < 0; i++) {
                DEVICES.forEach(d -> simulator.device(d[0]).tick());
                clock.advance(Duration.ofMinutes(10));
            }
            compartment = occupied(simulator);
            assertThat(compartment).as("a parcel was deposited in three simulated hours").isNotNegative();

            JsonNode opened = command("locker-1", "{\"name\": \"open-compartment\", \"payload\": {\"compartment\": "
                    + (compartment + 1) + "}, \"timeoutSeconds\": 20}", operator);
            JsonNode noSession = command("charger-1", "{\"name\": \"stop-session\", \"timeoutSeconds\": 20}", operator);
            simulator.inject("lift-1", new Incident(IncidentKind.ENTRAPMENT, Duration.ZERO, Map.of()));
            JsonNode released = command("lift-1", "{\"name\": \"reset-alarm\", \"timeoutSeconds\": 20}", operator);

            assertThat(opened.get("status").asInt()).isEqualTo(200);
            assertThat(opened.get("payload").get("parcel").asBoolean()).isTrue();
            String label = opened.get("payload").get("opened").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM device_events WHERE device_id = 'locker-1' AND kind = 'pickup' AND payload->>'compartment' = '"
                            + label + "'") == 1);
            assertThat(noSession.get("status").asInt()).isEqualTo(409);
            assertThat(noSession.get("payload").get("error").asText()).contains("no charging session");
            assertThat(released.get("status").asInt()).isEqualTo(200);
            assertThat(released.get("payload").get("released").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM device_events WHERE device_id = 'lift-1' AND kind IN ('entrapment', 'back_to_normal')") == 2);
            assertThat(count("SELECT count(*) FROM telemetry WHERE device_id = 'lift-1' AND metric = 'trips' AND ts < now() - interval '12 hours'"))
                    .as("back-dated telemetry is stored").isPositive();
            tripsBefore = simulator.device("lift-1").saveState().get("trips").asLong();
        } finally {
            simulator.close();
        }

        assertThat(simulator.stats().failed()).isZero();
        JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(DeviceStates.nextTo(manifestFile).file().toFile());
        assertThat(saved.get("lift-1").get("trips").asLong()).isEqualTo(tripsBefore);

        CommunitySimulator restarted = startSimulator(manifestFile, clock);
        try {
            clock.advance(Duration.ofHours(1));
            restarted.device("lift-1").tick();
            assertThat(restarted.device("lift-1").saveState().get("trips").asLong()).isGreaterThanOrEqualTo(tripsBefore);
            await().atMost(Duration.ofSeconds(30)).until(() -> maxTrips() >= tripsBefore && restarted.stats().acknowledged() >= 1);
        } finally {
            restarted.close();
        }
    }

    @Test
    void afterAnOutageTheDeviceReconnectsAndSubscribesToCommandsAgain() throws Exception {
        DeviceManifest one = new DeviceManifest(running.mqttUri(), List.of(
                new DeviceManifest.Device("det-1", Fixtures.TENANT, "det-1", SECRET, "smoke_detector")));
        CommunitySimulator simulator = CommunitySimulator.start(one, new CommunitySimulator.Options(null, MqttVersion.V5,
                Duration.ofHours(1), null, Clock.systemUTC()));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> simulator.stats().connected() == 1);
            simulator.inject("det-1", new Incident(IncidentKind.OUTAGE, Duration.ofSeconds(1), Map.of()));
            boolean offline = !simulator.device("det-1").connected();
            await().atMost(Duration.ofSeconds(60)).until(() -> simulator.device("det-1").connected());
            String operator = running.login("olga", "olga-password");
            await().atMost(Duration.ofSeconds(30)).until(() -> post("det-1", "{\"name\": \"test\", \"timeoutSeconds\": 10}",
                    operator).statusCode() == 200);

            JsonNode answer = command("det-1", "{\"name\": \"silence\", \"payload\": {\"minutes\": 5}, \"timeoutSeconds\": 20}", operator);

            assertThat(offline).isTrue();
            assertThat(answer.get("status").asInt()).isEqualTo(200);
            assertThat(answer.get("payload").get("silencedSeconds").asInt()).isEqualTo(300);
        } finally {
            simulator.close();
        }
    }

    @Test
    void mqtt311DevicesPublishAndAnswerCommandsToo() throws Exception {
        DeviceManifest one = new DeviceManifest(running.mqttUri(), List.of(
                new DeviceManifest.Device("lift-1", Fixtures.TENANT, "lift-1", SECRET, "elevator")));
        TestClock clock = new TestClock(Instant.now().minus(Duration.ofHours(2)));
        CommunitySimulator simulator = CommunitySimulator.start(one, new CommunitySimulator.Options(null, MqttVersion.V3,
                Duration.ofHours(1), null, clock));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> simulator.stats().connected() == 1);
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofMinutes(1));
                simulator.device("lift-1").tick();
            }
            simulator.inject("lift-1", new Incident(IncidentKind.ENTRAPMENT, Duration.ZERO, Map.of()));
            JsonNode answer = command("lift-1", "{\"name\": \"reset-alarm\", \"timeoutSeconds\": 20}",
                    running.login("olga", "olga-password"));

            await().atMost(Duration.ofSeconds(30)).until(() -> simulator.stats().acknowledged() >= 8); // 5 readings, 3 events
            assertThat(answer.get("status").asInt()).isEqualTo(200);
            assertThat(answer.get("payload").get("released").asBoolean()).isTrue();
            assertThat(simulator.stats().failed()).isZero();
        } finally {
            simulator.close();
        }
    }

    @Test
    void backfillPublishesADayOfHistoryWithBackDatedTimestamps() throws Exception {
        DeviceManifest one = new DeviceManifest(running.mqttUri(), List.of(
                new DeviceManifest.Device("det-1", Fixtures.TENANT, "det-1", SECRET, "smoke_detector")));
        Instant now = Instant.now();
        Backfill.Options options = new Backfill.Options(null, MqttVersion.V5, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)),
                Duration.ofMinutes(30), 90, 16, 1, DeviceStates.nextTo(dir.resolve("backfill.json")));

        Backfill.Report report = new Backfill().run(one, options);
        Backfill.Report again = new Backfill().run(one, options);

        assertThat(report.failed()).isZero();
        assertThat(report.acknowledged()).isGreaterThanOrEqualTo(49); // 49 steps of telemetry, plus heartbeats
        assertThat(again.messages()).as("the history is complete: a second run has nothing to add").isZero();
        assertThat(count("SELECT count(*) FROM telemetry WHERE device_id = 'det-1' AND metric = 'battery' AND ts < now() - interval '23 hours'"))
                .isGreaterThanOrEqualTo(49);
    }

    private static int occupied(CommunitySimulator simulator) {
        JsonNode states = simulator.device("locker-1").saveState().get("states");
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).asText().equals("occupied")) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode command(String device, String body, String token) throws Exception {
        HttpResponse<String> response = running.http().send(HttpRequest.newBuilder(URI.create(running.baseUrl()
                        + "/api/v1/devices/" + device + "/commands"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RunningPlatform.json(response);
    }

    private static HttpResponse<String> post(String device, String body, String token) throws Exception {
        return running.http().send(HttpRequest.newBuilder(URI.create(running.baseUrl() + "/api/v1/devices/" + device + "/commands"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long maxTrips() throws Exception {
        return count("SELECT coalesce(max(value), 0)::bigint FROM telemetry WHERE device_id = 'lift-1' AND metric = 'trips'");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = running.platform().database().dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Simulated time that only the test moves. */
    private static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
