package org.anju.system.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.gateway.Device5;
import org.anju.platform.estate.PlateFormat;
import org.anju.platform.testing.RunningPlatform;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.SimulatorMain;
import org.anju.simulator.community.CommunityGenerator;
import org.anju.simulator.community.CommunityPlan;
import org.anju.simulator.community.EstateLayout;
import org.anju.simulator.community.PlatformApi;
import org.anju.simulator.incident.IncidentKind;
import org.anju.simulator.incident.IncidentTarget;
import org.anju.simulator.scenario.Outcome;
import org.anju.simulator.scenario.Pacer;
import org.anju.simulator.scenario.PlatformObservations;
import org.anju.simulator.scenario.ScenarioParser;
import org.anju.simulator.scenario.ScenarioReport;
import org.anju.simulator.scenario.ScenarioRun;
import org.anju.simulator.scenario.Timeline;

/**
 * The community generator and a scenario run against the whole platform: the generated manifest's
 * devices log in to the real gateway with their secrets, the estate (households, residents,
 * vehicles with plates the platform's own {@link PlateFormat} takes, spaces with their chargers)
 * is provisioned and readable through the API, a repeated run changes nothing, and a
 * scenario's expectations are checked over the real HTTP API.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CommunityGeneratorIT {

    private static final CommunityPlan PLAN = new CommunityPlan("acme", "gen", "Generated Court", 1, 2, 3, 2, 1, 1, 1,
            1, 2, 1, 0.5, "12h");

    private static RunningPlatform running;
    private static PlatformApi api;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        running.fixtures().platformAdmin("root", "root-password");
        api = PlatformApi.login(running.baseUrl(), "root", "root-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void generatesACommunityWhoseDevicesLogInAndRepeatingItChangesNothing() throws Exception {
        CommunityGenerator generator = new CommunityGenerator(api);
        CommunityGenerator.Result first = generator.generate(PLAN, running.mqttUri(), null);
        Path file = dir.resolve("devices.json");
        first.manifest().write(file);

        DeviceManifest manifest = DeviceManifest.read(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(manifest.devices()).hasSize(PLAN.deviceCount());
        // the community, its 2 buildings and every device
        assertThat(first.created()).isEqualTo(1 + 2 + PLAN.deviceCount());
        assertThat(RunningPlatform.json(running.get("/api/v1/communities/gen/devices",
                running.login("root", "root-password"))).get("devices")).hasSize(PLAN.deviceCount());

        DeviceManifest.Device detector = device(manifest, "gen-b2-301-det");
        try (Device5 device = Device5.connect(manifest.mqttUri(), "it-det", detector.username(), detector.password())) {
            assertThat(device.publishAndAwaitReason("event", "{\"kind\": \"heartbeat\", \"battery\": 88}")).isZero();
        }
        DeviceManifest.Device gate = device(manifest, "gen-gate-1");
        assertThat(gate.attributes().get("plates").split(",")).hasSize(6);
        try (Device5 device = Device5.connect(manifest.mqttUri(), "it-gate", gate.username(), gate.password())) {
            assertThat(device.client.isConnected()).isTrue();
        }
        assertThatThrownBy(() -> Device5.connect(manifest.mqttUri(), "it-bad", gate.username(), "not-its-secret"))
                .isInstanceOf(MqttException.class);

        String root = running.login("root", "root-password");
        JsonNode households = list("/api/v1/communities/gen/households", "households", root);
        JsonNode vehicles = list("/api/v1/communities/gen/vehicles", "vehicles", root);
        JsonNode spaces = list("/api/v1/communities/gen/parking-spaces", "parkingSpaces", root);
        EstateLayout.Estate estate = EstateLayout.of(PLAN, "gen");
        // 2 buildings × 3 floors × 2 doors; 6 vehicles; 7 spaces (3 in 5 households), 2 with chargers
        assertThat(households).hasSize(12);
        assertThat(vehicles).hasSize(6);
        assertThat(vehicles).extracting(v -> v.get("plate").asText())
                .containsExactlyInAnyOrderElementsOf(estate.plates())
                .allSatisfy(plate -> assertThat(PlateFormat.parse(plate)).as(plate).isPresent())
                .containsExactlyInAnyOrderElementsOf(List.of(gate.attributes().get("plates").split(",")));
        assertThat(vehicles).allSatisfy(v -> assertThat(v.get("newEnergy").asBoolean())
                .isEqualTo(v.get("plate").asText().length() == 8));
        assertThat(spaces).hasSize(7);
        assertThat(spaces).filteredOn(s -> !s.get("chargerDeviceId").isNull()).extracting(s -> s.get("chargerDeviceId")
                .asText()).containsExactlyInAnyOrder("gen-charger-1", "gen-charger-2");
        assertThat(spaces).allSatisfy(s -> assertThat(s.get("carParkId").isNull()).isFalse());
        int residents = estate.households().stream().mapToInt(h -> h.residents().size()).sum();
        assertThat(first.passwords()).hasSize(residents);
        // every card a household has is one a charger starts sessions with
        List<String> cards = estate.households().stream().flatMap(h -> h.idTags().stream()).toList();
        assertThat(manifest.devices()).filteredOn(d -> d.type().equals("ev_charger"))
                .flatExtracting(d -> List.of(d.attributes().getOrDefault("idTags", "").split(",")))
                .filteredOn(t -> !t.isEmpty()).isSubsetOf(cards);
        // a resident logs in with the password shown once and sees their own household only
        String owner = "gen-b2-301";
        String resident = running.login(owner, first.passwords().get(owner));
        JsonNode mine = RunningPlatform.json(running.get("/api/v1/me/households", resident)).get("households");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("number").asText()).isEqualTo("301");
        assertThat(mine.get(0).get("relation").asText()).isEqualTo("owner");

        CommunityGenerator.Result again = generator.generate(PLAN, running.mqttUri(), manifest);
        assertThat(again.created()).isZero();
        assertThat(again.unchanged()).isEqualTo(first.created());
        assertThat(again.manifest()).isEqualTo(manifest);
        assertThat(again.estateCreated()).isZero();
        assertThat(again.estateUnchanged()).isEqualTo(first.estateCreated());
        assertThat(again.passwords()).isEmpty();
        assertThat(list("/api/v1/communities/gen/households", "households", root)).isEqualTo(households);
        assertThat(list("/api/v1/communities/gen/parking-spaces", "parkingSpaces", root)).isEqualTo(spaces);

        // without the earlier manifest the secrets would change: the platform refuses, naming the devices
        assertThatThrownBy(() -> generator.generate(PLAN, running.mqttUri(), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused devices 0 to " + (PLAN.deviceCount() - 1) + " of gen")
                .hasMessageContaining("devices[0].secret: device 'gen-b1-panel' already has another secret");
    }

    @Test
    void aScenarioRunReportsWhatThePlatformDidAndDidNot() throws Exception {
        CommunityPlan plan = new CommunityPlan("acme", "scn", "Scenario Court", 1, 2, 3, 1, 1, 1, 1, 0, 0, 0, 0, "12h");
        DeviceManifest manifest = new CommunityGenerator(api).generate(plan, running.mqttUri(), null).manifest();
        Timeline timeline = Timeline.plan(ScenarioParser.parse("check.yaml", """
                name: check
                description: a detector alarms; nothing else happens
                steps:
                  - at: 0s
                    incident: fire
                    target: {building: 1, floor: 2, type: smoke_detector}
                    expect:
                      - event: alarm
                        within: 1m
                      - alert: fire_alarm
                        severity: critical
                        within: 1m
                      - event: alarm
                        from: {building: 2, floor: 1, type: smoke_detector}
                        within: 1s
                      - offline: {camera: 1}
                        within: 1m
                """), manifest);

        ScenarioReport report = new ScenarioRun(timeline, manifest, new AlarmingDevices(manifest),
                new PlatformObservations(api), Pacer.of(Clock.systemUTC()), Duration.ofMillis(200), Duration.ofSeconds(1))
                .execute();

        assertThat(report.injected()).hasSize(1).allSatisfy(i -> assertThat(i.error()).isNull());
        assertThat(report.outcomes()).extracting(Outcome::status).containsExactly(Outcome.Status.MET,
                alertsApiExists() ? Outcome.Status.MET : Outcome.Status.NOT_CHECKABLE, Outcome.Status.MISSED,
                Outcome.Status.MET);
        assertThat(report.outcomes().get(0).detail()).isEqualTo("scn-b1-201-det");
        assertThat(report.outcomes().get(0).delay().isNegative()).isFalse();
        assertThat(report.outcomes().get(2).detail()).isEqualTo("nothing from the 1 device(s) by 1s");
        assertThat(report.passed()).isFalse();
        assertThat(report.text()).startsWith("scenario check: ")
                .contains("MISSED         device event alarm from building 2 floor 1 smoke_detector within 1s");
        if (!alertsApiExists()) {
            assertThat(report.text()).contains("NOT CHECKABLE  alert fire_alarm critical from building 1 floor 2"
                    + " smoke_detector within 1m: the platform has no alerts API (GET /api/v1/alerts answered 404)");
        }
    }

    @Test
    void theGenerateCommandWritesTheManifestAndARepeatCreatesNothing() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "root-password\n");
        Path file = dir.resolve("cli/devices.json");
        String[] args = {"generate", "--platform", running.baseUrl(), "--user", "root", "--password-file",
                password.toString(), "--community", "cli", "--buildings", "1", "--floors", "2", "--gates", "0",
                "--chargers", "1", "--lockers", "0", "--mqtt", running.mqttUri(), "--out", file.toString()};
        StringWriter out = new StringWriter();
        assertThat(new CommandLine(new SimulatorMain()).setOut(new PrintWriter(out)).execute(args)).isZero();
        DeviceManifest manifest = DeviceManifest.read(file);
        // a panel, 2 floors of 4 detectors, an elevator, a camera and a charger
        assertThat(manifest.devices()).hasSize(12);
        assertThat(out.toString()).contains("generate: 14 created, 0 unchanged");
        Path passwords = dir.resolve("cli/resident-passwords.csv");
        assertThat(Files.getPosixFilePermissions(passwords)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        List<String> logins = Files.readAllLines(passwords);
        assertThat(logins).hasSizeGreaterThanOrEqualTo(8).allSatisfy(l -> assertThat(l).matches("cli-b1-[12]0[1-4](-t)?,.{8,}"));
        assertThat(out.toString()).contains("new resident logins, initial passwords in " + passwords)
                .doesNotContain(logins.get(0).split(",")[1]);

        assertThat(new CommandLine(new SimulatorMain()).setOut(new PrintWriter(out)).execute(args)).isZero();
        assertThat(out.toString()).contains("generate: 0 created, 14 unchanged").contains("generate: estate 0 created");
        assertThat(Files.readAllLines(passwords)).isEqualTo(logins);
        assertThat(DeviceManifest.read(file)).isEqualTo(manifest);
    }

    /** Reads every page of a community list. */
    private static JsonNode list(String path, String name, String token) throws Exception {
        com.fasterxml.jackson.databind.node.ArrayNode all = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .arrayNode();
        String cursor = null;
        do {
            JsonNode page = RunningPlatform.json(running.get(cursor == null ? path
                    : path + "?cursor=" + PlatformApi.encode(cursor), token));
            all.addAll((com.fasterxml.jackson.databind.node.ArrayNode) page.get(name));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    private static boolean alertsApiExists() throws Exception {
        return running.get("/api/v1/alerts", running.login("root", "root-password")).statusCode() != 404;
    }

    private static DeviceManifest.Device device(DeviceManifest manifest, String id) {
        return manifest.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * The scenario's devices for this test: a fire makes a detector publish a real alarm event
     * through the gateway with its manifest credentials (the simulator's device models do more).
     */
    private record AlarmingDevices(DeviceManifest manifest) implements IncidentTarget {
        @Override
        public void inject(String deviceId, org.anju.simulator.incident.Incident incident) {
            if (incident.kind() != IncidentKind.FIRE) {
                throw new IllegalArgumentException("only fires here");
            }
            DeviceManifest.Device d = device(manifest, deviceId);
            try (Device5 device = Device5.connect(manifest.mqttUri(), "it-" + deviceId, d.username(), d.password())) {
                int reason = device.publishAndAwaitReason("event", "{\"kind\": \"alarm\", \"smokeConcentration\": 6.2}");
                if (reason != 0) {
                    throw new IllegalStateException("alarm refused: reason " + reason);
                }
            } catch (MqttException e) {
                throw new IllegalStateException("cannot publish the alarm: " + e.getMessage(), e);
            }
        }
    }
}
