package org.anju.system.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.Json;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;
import org.anju.simulator.CommunitySimulator;
import org.anju.protocol.manifest.DeviceManifest;

/**
 * The first dashboard in a real headless Chromium against the real platform, with simulated
 * devices publishing over MQTT: log-in (a wrong password first), the device table, and a row that
 * updates live without a reload, then the device history and overview charts drawn. Drives {@code dashboards/e2e/live-devices.mjs} (Playwright).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardBrowserIT {

    private static final List<String> DEVICES = List.of("lift-7", "cam-7", "det-7");

    @Test
    void consoleShowsDevicesAndUpdatesThemLive() throws Exception {
        Path repo = repositoryRoot();
        Path script = repo.resolve("dashboards/e2e/live-devices.mjs");
        Path chromium = Path.of(System.getenv().getOrDefault("ANJU_CHROMIUM", "/usr/bin/chromium"));
        assertThat(chromium).as("Chromium is needed for the dashboard test: run deploy/local/chromium.sh ensure").exists();
        assertThat(repo.resolve("dashboards/node_modules/playwright-core"))
                .as("dashboards/node_modules is installed by the dashboards module's build").exists();

        try (RunningPlatform running = RunningPlatform.start(Map.of())) {
            running.fixtures()
                    .device("lift-7", "elevator", "lift-secret")
                    .device("cam-7", "camera", "cam-secret")
                    .device("det-7", "smoke_detector", "det-secret")
                    .propertyUser("carol", "carol-password", "operator");
            DeviceManifest manifest = new DeviceManifest(running.mqttUri(), List.of(
                    new DeviceManifest.Device("lift-7", Fixtures.TENANT, "lift-7", "lift-secret", "elevator"),
                    new DeviceManifest.Device("cam-7", Fixtures.TENANT, "cam-7", "cam-secret", "camera"),
                    new DeviceManifest.Device("det-7", Fixtures.TENANT, "det-7", "det-secret", "smoke_detector")));
            try (CommunitySimulator simulator = CommunitySimulator.start(manifest, null, Duration.ofSeconds(1))) {
                Path screenshot = repo.resolve("platform/target/dashboard-live.png");
                JsonNode result = runBrowser(script, running.baseUrl() + "/", screenshot);

                assertThat(result.get("ok").asBoolean()).as("browser check: %s", result).isTrue();
                // zh-CN by default: the refusal is the catalogue's message, not the server's English.
                assertThat(result.get("loginStatus").asInt()).isEqualTo(401);
                assertThat(result.get("loginError").asText()).isEqualTo("用户名或密码错误。");
                assertThat(result.get("lang").asText()).isEqualTo("zh-CN");
                assertThat(result.get("devices").asInt()).isEqualTo(DEVICES.size());
                assertThat(result.get("updatedDeviceId").asText()).isIn(DEVICES);
                // Both charts drew with the build's trimmed ECharts (scripts/echarts-trim.mjs).
                assertThat(result.at("/chartPixels/device").asInt()).isPositive();
                assertThat(result.at("/chartPixels/overview").asInt()).isPositive();
                assertThat(screenshot).isNotEmptyFile();
                assertThat(simulator.stats().acknowledged()).isPositive();
            }
        }
    }

    private static JsonNode runBrowser(Path script, String url, Path screenshot) throws Exception {
        Path output = Files.createTempFile("anju-e2e", ".json");
        Process process = new ProcessBuilder("node", script.toString(), "--url", url, "--user", "carol",
                "--password", "carol-password", "--min-devices", Integer.toString(DEVICES.size()),
                "--screenshot", screenshot.toString(), "--timeout-ms", "60000")
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the browser check did not finish within 120 s");
        }
        String lastLine = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the browser check printed no result (exit " + process.exitValue() + ")"));
        return Json.MAPPER.readTree(lastLine);
    }

    private static Path repositoryRoot() {
        String fromBuild = System.getenv("ANJU_REPO_ROOT");
        Path root = fromBuild != null ? Path.of(fromBuild) : Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("dashboards")).as("repository root").isDirectory();
        return root;
    }
}
