package org.anju.bench.platform;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.platform.AnjuPlatform;
import org.anju.platform.Json;
import org.anju.platform.auth.Role;
import org.anju.platform.auth.UserAccounts;
import org.anju.platform.registry.Registrar;
import org.anju.protocol.DeviceType;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.load.LoadRun;
import org.anju.bench.AnjuVersion;

/**
 * Benchmark: smoke detectors publish fire alarms (MQTT 5, QoS 1) while background telemetry runs
 * at half the rate the platform sustains flat out (measured first, in the same run); a fire
 * brigade browser's SSE feed and a 119 center's webhook receiver take the alerts. Latency is from
 * just before PUBLISH to receipt, per channel. The last line is
 * {@code summary sse_p50_ms=… sse_p99_ms=… sse_max_ms=… webhook_p50_ms=… webhook_p99_ms=… webhook_max_ms=… …}.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Fire alarm PUBLISH -> SSE feed and webhook receiver, under background telemetry.")
public final class AlertsBench implements Callable<Integer> {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String TENANT = "bench";
    private static final String COMMUNITY = "bench-alerts";
    private static final String PASSWORD = "bench-password-1";

    @Option(names = "--db-url", required = true,
            description = "JDBC URL of the server (user and password in it); a fresh database is created there.")
    String serverUrl;

    @Option(names = "--alarms", defaultValue = "200", description = "Fire alarms, one per detector (default ${DEFAULT-VALUE}).")
    int alarms;

    @Option(names = "--alarm-interval-ms", defaultValue = "100", description = "Time between alarms (default ${DEFAULT-VALUE}).")
    int alarmIntervalMs;

    @Option(names = "--background-devices", defaultValue = "60", description = "Devices sending background telemetry (default ${DEFAULT-VALUE}).")
    int backgroundDevices;

    @Option(names = "--background-rate", defaultValue = "-1",
            description = "Background messages/s; -1 for half of what the platform sustains flat out, measured first (default).")
    double backgroundRate;

    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();

    public AlertsBench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AlertsBench(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchDatabase database = BenchDatabase.create(serverUrl, "anju_bench_alerts");
        Vertx receiverVertx = Vertx.vertx();
        double[][] latencies;
        double rateUsed;
        try (AnjuPlatform platform = BenchPlatform.start(database.url(),
                // the receiver listens on loopback, which subscriptions may not target by default
                Map.of("ANJU_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true"))) {
            out.println("database: " + platform.database().timescale());
            String base = "http://127.0.0.1:" + platform.httpPort();
            String mqtt = "tcp://127.0.0.1:" + platform.mqttPort();
            Fleet fleet = provision(platform.registrar(), platform.auth().users());

            // every detector's alert, once by the webhook and once by the feed
            CountDownLatch receipts = new CountDownLatch(2 * alarms);
            Map<String, Long> webhookReceived = new ConcurrentHashMap<>();
            HttpServer receiver = startReceiver(receiverVertx, webhookReceived, receipts);
            subscribe(base, login(base, "bench-admin"), receiver.actualPort());
            Map<String, Long> sseReceived = new ConcurrentHashMap<>();
            Thread feed = startFeed(base, login(base, "bench-brigade"), sseReceived, receipts);

            double rate = backgroundRate >= 0 ? backgroundRate : calibrate(fleet.background(), mqtt) / 2;
            out.printf(Locale.ROOT, "background: %d devices at %,.0f messages/s%n", fleet.background().size(), rate);
            Map<String, Long> published = new HashMap<>();
            try (LoadRun background = LoadRun.start(fleet.background(),
                    new LoadRun.Options(mqtt, rate, 32, LoadRun.Client.VERTX))) {
                background.awaitConnected(Duration.ofSeconds(60));
                publishAlarms(fleet.detectors(), mqtt, published);
                receipts.await(30, TimeUnit.SECONDS); // what has not arrived by then counts as missing
                out.printf(Locale.ROOT, "background acknowledged: %,d messages%n", background.ledger().acknowledgedCount());
            }
            feed.interrupt();
            latencies = new double[][] {latencies(published, sseReceived), latencies(published, webhookReceived)};
            rateUsed = rate;
        } finally {
            // the platform has closed: no delivery (an escalation) can fail against a closed receiver after the summary
            receiverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            database.drop();
        }
        double[] sse = latencies[0];
        double[] webhook = latencies[1];
        out.printf(Locale.ROOT, "SSE feed:  %d of %d alarms, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", sse.length, alarms,
                Percentiles.of(sse, 50), Percentiles.of(sse, 99), Percentiles.of(sse, 100));
        out.printf(Locale.ROOT, "webhook:   %d of %d alarms, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", webhook.length,
                alarms, Percentiles.of(webhook, 50), Percentiles.of(webhook, 99), Percentiles.of(webhook, 100));
        out.printf(Locale.ROOT, "summary sse_p50_ms=%.1f sse_p99_ms=%.1f sse_max_ms=%.1f webhook_p50_ms=%.1f "
                + "webhook_p99_ms=%.1f webhook_max_ms=%.1f alarms=%d sse_received=%d webhook_received=%d "
                + "background_msgs_per_s=%.0f%n", Percentiles.of(sse, 50), Percentiles.of(sse, 99), Percentiles.of(sse, 100),
                Percentiles.of(webhook, 50), Percentiles.of(webhook, 99), Percentiles.of(webhook, 100), alarms, sse.length,
                webhook.length, rateUsed);
        return sse.length == alarms && webhook.length == alarms ? 0 : 1;
    }

    private record Fleet(List<DeviceManifest.Device> detectors, List<DeviceManifest.Device> background) {
    }

    /** Detectors each in a building of their own (so no storm groups them), background devices of every type. */
    private Fleet provision(Registrar registrar, UserAccounts users) {
        registrar.tenant(TENANT, "Benchmark");
        registrar.community(new Registrar.Community(COMMUNITY, TENANT, "Alerts benchmark", null, null, null));
        users.seed("bench-admin", "Bench admin", PASSWORD, null, Set.of(Role.PLATFORM_ADMIN), Set.of());
        users.seed("bench-brigade", "Bench fire brigade", PASSWORD, null, Set.of(Role.FIRE_BRIGADE), Set.of());
        List<DeviceManifest.Device> detectors = new ArrayList<>();
        for (int i = 0; i < alarms; i++) {
            String building = "bench-b%04d".formatted(i);
            registrar.building(new Registrar.Building(building, COMMUNITY, "Building " + i, 6, 0));
            detectors.add(device(registrar, "detector-%04d".formatted(i), "smoke_detector", building));
        }
        List<DeviceManifest.Device> background = new ArrayList<>();
        DeviceType[] types = DeviceType.values();
        for (int i = 0; i < backgroundDevices; i++) {
            background.add(device(registrar, "background-%04d".formatted(i), types[i % types.length].wireName(), null));
        }
        return new Fleet(detectors, background);
    }

    private static DeviceManifest.Device device(Registrar registrar, String id, String type, String building) {
        String secret = "secret-" + id;
        registrar.device(new Registrar.Device(id, TENANT, COMMUNITY, type, id, building, building == null ? null : 3,
                null, null, null));
        registrar.deviceCredential(TENANT, id, id, secret);
        return new DeviceManifest.Device(id, TENANT, id, secret, type);
    }

    /** Runs the background devices flat out for a while; returns the messages/s acknowledged. */
    private double calibrate(List<DeviceManifest.Device> devices, String mqtt) throws Exception {
        try (LoadRun flatOut = LoadRun.start(devices, new LoadRun.Options(mqtt, 0, 32, LoadRun.Client.VERTX))) {
            flatOut.awaitConnected(Duration.ofSeconds(60));
            Thread.sleep(3_000); // warm-up: a span of time
            long from = flatOut.ledger().acknowledgedCount();
            long started = System.nanoTime();
            Thread.sleep(10_000); // the measured span
            double perSecond = (flatOut.ledger().acknowledgedCount() - from) / ((System.nanoTime() - started) / 1e9);
            out.printf(Locale.ROOT, "calibration: the platform acknowledges %,.0f messages/s flat out%n", perSecond);
            return perSecond;
        }
    }

    private HttpServer startReceiver(Vertx vertx, Map<String, Long> received, CountDownLatch receipts) throws Exception {
        return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            long now = System.nanoTime();
            String device = body.toJsonObject().getJsonObject("payload").getString("deviceId");
            if (received.putIfAbsent(device, now) == null) {
                receipts.countDown();
            }
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void subscribe(String base, String token, int port) throws Exception {
        String body = """
                {"name": "bench 119 center", "url": "http://127.0.0.1:%d/alarms", "topics": ["alert.opened"],
                 "fireOnly": true, "channel": "webhook"}""".formatted(port);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/subscriptions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not subscribe the receiver: " + response.statusCode() + " " + response.body());
        }
    }

    /** Reads the fire brigade's feed on a thread of its own, noting when each detector's alert arrived. */
    private Thread startFeed(String base, String token, Map<String, Long> received, CountDownLatch receipts) throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/feed"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the feed answered " + response.statusCode());
        }
        return Thread.ofPlatform().daemon().name("bench-sse").start(() -> {
            try {
                readFeed(response.body(), received, receipts);
            } catch (UncheckedIOException e) {
                // the stream ends when the benchmark stops reading it
            }
        });
    }

    private static void readFeed(Stream<String> lines, Map<String, Long> received, CountDownLatch receipts) {
        lines.forEach(line -> {
            if (line.startsWith("data:")) {
                long now = System.nanoTime();
                try {
                    JsonNode notification = JSON.readTree(line.substring(5));
                    if ("alert.opened".equals(notification.path("topic").asText())) {
                        if (received.putIfAbsent(notification.path("payload").path("deviceId").asText(), now) == null) {
                            receipts.countDown();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("unreadable feed event: " + line, e);
                }
            }
        });
    }

    private void publishAlarms(List<DeviceManifest.Device> detectors, String mqtt, Map<String, Long> published) throws Exception {
        List<MqttClient> clients = new ArrayList<>();
        try {
            for (DeviceManifest.Device detector : detectors) {
                MqttClient client = new MqttClient(mqtt, detector.id(), new MemoryPersistence());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setUserName(detector.username());
                options.setPassword(detector.password().getBytes(UTF_8));
                client.connect(options);
                clients.add(client);
            }
            for (int i = 0; i < detectors.size(); i++) {
                byte[] alarm = """
                        {"kind": "alarm", "smokeConcentration": 6.2, "temperature": 38.5}""".getBytes(UTF_8);
                published.put(detectors.get(i).id(), System.nanoTime());
                clients.get(i).publish("event", alarm, 1, false);
                Thread.sleep(alarmIntervalMs); // the alarms' spacing, not a wait for anything
            }
        } finally {
            for (MqttClient client : clients) {
                client.disconnect();
                client.close();
            }
        }
    }


    private String login(String base, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("token").asText();
    }

    private static double[] latencies(Map<String, Long> published, Map<String, Long> received) {
        return published.entrySet().stream().filter(e -> received.containsKey(e.getKey()))
                .mapToDouble(e -> (received.get(e.getKey()) - e.getValue()) / 1e6).toArray();
    }

}
