package org.anju.bench.platform;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.bench.AnjuVersion;
import org.anju.platform.AnjuPlatform;
import org.anju.platform.Json;
import org.anju.platform.auth.Role;

/**
 * Benchmark of the screens ({@code dashboards/e2e/bench-ui.mjs} in headless Chromium): gzipped JS
 * per app, the first meaningful screen on localhost, and the console's device list of a community
 * of {@code --devices} devices (provisioned through the API) scrolled while devices publish live
 * updates, counting the devices whose update the browser received against those that published.
 * The last line is {@code summary max_js_gzip_kb=… catalogue_gzip_kb=… first_screen_ms=… devices=… all_devices_ms=…
 * updates_published=… updates_received=… scroll_fps=…}.
 */
@Command(name = "ui", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Screens: gzipped JS per app, first meaningful screen, 10,000 devices scrolled under live updates.")
public final class UiBench implements Callable<Integer> {

    private static final String TENANT = "bench";
    private static final String COMMUNITY = "bench-ui";
    private static final String PASSWORD = "bench-password-1";
    private static final int BATCH = 5000;

    @Option(names = "--db-url", required = true,
            description = "JDBC URL of the server (user and password in it); a fresh database is created there.")
    String serverUrl;

    @Option(names = "--devices", defaultValue = "10000", description = "Devices of the community (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--updating", defaultValue = "200",
            description = "Devices that each publish one live update while the list scrolls (default ${DEFAULT-VALUE}).")
    int updating;

    @Option(names = "--runs", defaultValue = "5", description = "Cold loads of the first screen; the median is reported (default ${DEFAULT-VALUE}).")
    int runs;

    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();

    public UiBench(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Path script = Path.of("dashboards/e2e/bench-ui.mjs").toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("run from the repository root: " + script + " is missing");
        }
        BenchDatabase database = BenchDatabase.create(serverUrl, "anju_bench_ui");
        JsonNode report;
        try (AnjuPlatform platform = BenchPlatform.start(database.url(), Map.of())) {
            out.println("database: " + platform.database().timescale());
            String base = "http://127.0.0.1:" + platform.httpPort();
            String mqtt = "tcp://127.0.0.1:" + platform.mqttPort();
            platform.auth().users().seed("bench-admin", "Bench admin", PASSWORD, null, Set.of(Role.PLATFORM_ADMIN), Set.of());
            String token = login(base);
            long started = System.nanoTime();
            provision(base, token);
            out.printf(Locale.ROOT, "provisioned %,d devices through the API in %.1f s%n", devices, (System.nanoTime() - started) / 1e9);
            List<MqttClient> clients = connect(mqtt);
            try {
                report = runBrowser(script, base, clients);
            } finally {
                for (MqttClient client : clients) {
                    client.disconnect();
                    client.close();
                }
            }
        } finally {
            database.drop();
        }
        out.println("browser: " + report);
        // The timings depend on what else runs: the load average says how busy the machine was.
        out.printf(Locale.ROOT, "load average (1 min): %.1f on %d processors%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        if (report.path("ok").asBoolean()) {
            details(report);
        }
        // The last line, whatever happened: a figure the run did not reach reads "na".
        out.printf(Locale.ROOT, "summary max_js_gzip_kb=%s catalogue_gzip_kb=%s first_screen_ms=%s devices=%d all_devices_ms=%s"
                + " updates_published=%s updates_received=%s scroll_fps=%s%n", figure(report, "/js/maxGzipKb"),
                figure(report, "/js/maxCatalogueGzipKb"), figure(report, "/firstScreenMs/median"),
                devices, figure(report, "/allDevicesMs/median"), figure(report, "/scroll/published"),
                figure(report, "/scroll/received"), figure(report, "/scroll/fps"));
        return report.path("ok").asBoolean()
                && report.at("/scroll/received").asInt() >= report.at("/scroll/published").asInt() ? 0 : 1;
    }

    /** The per-app sizes, the first screen's runs and the scroll, one line each. */
    private void details(JsonNode report) {
        report.at("/js/apps").fields().forEachRemaining(e -> out.printf(Locale.ROOT, "js %-9s %6.1f KB gzipped in %d files%s%n",
                e.getKey(), e.getValue().get("gzipBytes").asDouble() / 1024, e.getValue().get("files").asInt(),
                catalogues(e.getValue().path("catalogueGzipBytes"))));
        out.printf(Locale.ROOT, "first meaningful screen: median %d ms of %s; all %,d devices loaded: median %d ms of %s%n",
                report.at("/firstScreenMs/median").asInt(), report.at("/firstScreenMs/runs"), devices,
                report.at("/allDevicesMs/median").asInt(), report.at("/allDevicesMs/runs"));
        JsonNode scroll = report.get("scroll");
        out.printf(Locale.ROOT, "scrolling %,d devices: %d wheel scrolls in %.1f s at %d frames/s, %d rows in the DOM;"
                + " live updates from %d devices, received for %d%n", devices, scroll.get("scrolls").asInt(),
                scroll.get("seconds").asDouble(), scroll.get("fps").asInt(), scroll.get("rowsInDomWhileScrolling").asInt(),
                scroll.get("published").asInt(), scroll.get("received").asInt());
    }

    /** The catalogues an app fetches one language at a time, gzipped: "; catalogue zh-CN 10.9 KB, en 9.4 KB", or nothing. */
    private static String catalogues(JsonNode byLocale) {
        List<String> parts = new ArrayList<>();
        byLocale.fields().forEachRemaining(e -> parts.add(
                String.format(Locale.ROOT, "%s %.1f KB", e.getKey(), e.getValue().asDouble() / 1024)));
        return parts.isEmpty() ? "" : "; catalogue (fetched per language, not in the JS) " + String.join(", ", parts);
    }

    /** A figure of the browser's report as text, "na" when the run did not get that far. */
    private static String figure(JsonNode report, String pointer) {
        JsonNode value = report.at(pointer);
        return value.isNumber() ? value.asText() : "na";
    }

    /** The tenant, the community with one building, and the devices through the provisioning API, 5,000 a request. */
    private void provision(String base, String token) throws Exception {
        String prefix = base + "/api/v1/provisioning/tenants/" + TENANT;
        send("PUT", prefix, token, "{\"name\": \"Benchmark\"}");
        send("PUT", prefix + "/communities/" + COMMUNITY, token, """
                {"name": "UI benchmark", "address": "1 Bench Road",
                 "buildings": [{"id": "ui-b1", "name": "Building 1", "floorsAbove": 30, "floorsBelow": 2}]}""");
        for (int from = 0; from < devices; from += BATCH) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode list = body.putArray("devices");
            for (int i = from; i < Math.min(devices, from + BATCH); i++) {
                list.addObject().put("id", deviceId(i)).put("type", "elevator").put("name", "Elevator " + i)
                        .put("buildingId", "ui-b1").put("floor", i % 30).put("secret", secret(i));
            }
            send("POST", prefix + "/communities/" + COMMUNITY + "/devices", token, Json.MAPPER.writeValueAsString(body));
        }
    }

    /** Runs the browser side; publishes the live updates when it asks and answers with how many devices published. */
    private JsonNode runBrowser(Path script, String base, List<MqttClient> clients) throws Exception {
        Process process = new ProcessBuilder("node", script.toString(), "--url", base + "/", "--user", "bench-admin",
                "--password", PASSWORD, "--devices", Integer.toString(devices), "--runs", Integer.toString(runs))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode last = Json.MAPPER.createObjectNode();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
                Writer answers = process.outputWriter(UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("{")) {
                    continue;
                }
                JsonNode node = Json.MAPPER.readTree(line);
                if (node.has("need")) {
                    answers.write("done " + publishUpdates(clients) + "\n");
                    answers.flush();
                } else {
                    last = node;
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return last;
    }

    /**
     * Connects the {@code updating} devices (spread over the list) before the browser starts, so
     * that the updates arrive while it scrolls, not after a round of password checks.
     */
    private List<MqttClient> connect(String mqtt) throws Exception {
        int step = Math.max(1, devices / updating);
        List<MqttClient> clients = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < devices && clients.size() < updating; i += step) {
            MqttClient client = new MqttClient(mqtt, deviceId(i), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(deviceId(i) + "@" + TENANT);
            options.setPassword(secret(i).getBytes(UTF_8));
            client.connect(options);
            clients.add(client);
        }
        out.printf(Locale.ROOT, "connected %d updating devices in %.1f s%n", clients.size(), (System.nanoTime() - started) / 1e9);
        return clients;
    }

    /** One telemetry message (QoS 1, acknowledged) from each connected device; returns how many published. */
    private int publishUpdates(List<MqttClient> clients) throws Exception {
        long started = System.nanoTime();
        int floor = 0;
        for (MqttClient client : clients) {
            String telemetry = """
                    {"serviceMode": "normal", "running": true, "direction": "up", "floor": %d, "doorZone": false,
                     "doorsClosed": true, "passengerPresent": true}""".formatted(++floor % 30);
            client.publish("telemetry", telemetry.getBytes(UTF_8), 1, false);
        }
        out.printf(Locale.ROOT, "published one update from each of %d devices in %.1f s%n", clients.size(),
                (System.nanoTime() - started) / 1e9);
        return clients.size();
    }

    private String login(String base) throws Exception {
        return Json.MAPPER.readTree(send("POST", base + "/api/v1/auth/login", null,
                "{\"username\": \"bench-admin\", \"password\": \"" + PASSWORD + "\"}")).get("token").asText();
    }

    private String send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String deviceId(int i) {
        return "ui-lift-%05d".formatted(i);
    }

    private static String secret(int i) {
        return "bench-secret-%05d-ui".formatted(i);
    }
}
