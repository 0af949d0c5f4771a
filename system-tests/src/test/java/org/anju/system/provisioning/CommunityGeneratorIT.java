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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.anju.gateway.Device5;
import org.anju.platform.testing.RunningPlatform;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.SimulatorMain;
import org.anju.simulator.community.CommunityGenerator;
import org.anju.simulator.community.CommunityPlan;
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
 * devices log in to the real gateway with their secrets, a repeated run changes nothing, and a
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

        CommunityGenerator.Result again = generator.generate(PLAN, running.mqttUri(), manifest);
        assertThat(again.created()).isZero();
        assertThat(again.unchanged()).isEqualTo(first.created());
        assertThat(again.manifest()).isEqualTo(manifest);

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

        assertThat(new CommandLine(new SimulatorMain()).setOut(new PrintWriter(out)).execute(args)).isZero();
        assertThat(out.toString()).contains("generate: 0 created, 14 unchanged");
        assertThat(DeviceManifest.read(file)).isEqualTo(manifest);
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
