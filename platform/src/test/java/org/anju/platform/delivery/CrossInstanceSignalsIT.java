package org.anju.platform.delivery;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.Json;
import org.anju.platform.signals.SignalListener;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.Receiver;
import org.anju.platform.testing.RunningPlatform;

/**
 * Two platform instances on one database, as in a scale-out deployment: what one commits reaches
 * the live paths of the other through PostgreSQL notifications. The feed's and the webhook
 * dispatcher's poll intervals are an hour here, so only those notifications can deliver in time:
 * a fire alarm ingested by B over MQTT shows on A's feed and is delivered by A's dispatcher (B's
 * is stopped); device state committed by B (a message, a switch through B's API) shows on A's
 * device stream; and A's listener survives its connection being killed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrossInstanceSignalsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "signals-device-secret";
    private static final String SWITCH = "/api/v1/provisioning/devices/%s/enabled";
    private static final Map<String, String> SETTINGS = Map.of("ANJU_FEED_POLL_INTERVAL", "1h",
            "ANJU_WEBHOOKS_POLL_INTERVAL", "1h", "ANJU_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true",
            // instances sharing a database share the key of the subscriptions' secrets
            "ANJU_WEBHOOKS_SECRET_KEY", "a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS0=");
    private static RunningPlatform a;
    private static RunningPlatform b;

    @BeforeAll
    static void start() throws Exception {
        a = RunningPlatform.start(with("ANJU_JOBS_INSTANCE_ID", "signals-a"));
        b = RunningPlatform.alongside(a, with("ANJU_JOBS_INSTANCE_ID", "signals-b"));
        a.fixtures().device("det-b", "smoke_detector", SECRET).device("det-c", "smoke_detector", SECRET)
                .device("cam-b", "camera", SECRET)
                .device("cam-switched", "camera", SECRET).device("cam-later", "camera", SECRET)
                .device("cam-quiet", "camera", SECRET)
                .propertyUser("pia", "pia-password-1", "property_admin")
                .propertyUser("olga", "olga-password-1", "operator")
                .platformAdmin("root", "root-password-1")
                .user("fred", "Fire brigade", "fred-password-1", null, Set.of("fire_brigade"), Set.of());
        // only A may deliver webhooks, so that a delivery proves A was woken
        b.platform().delivery().dispatcher().stop();
        // the listeners connect in the background after start-up; what is sent before is not heard
        await().atMost(WAIT).until(() -> a.platform().signals().isListening() && b.platform().signals().isListening());
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
        settings.put(key, value);
        return settings;
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aFireAlarmIngestedByBShowsOnAsFeed() throws Exception {
        try (SseClient feed = SseClient.connect(a.http(), a.baseUrl() + "/api/v1/feed",
                a.login("fred", "fred-password-1"), null)) {
            alarm("det-b");

            SseClient.Event event = feed.next(WAIT);
            while (!event.data().get("topic").asText().equals("fire.received")) {
                event = feed.next(WAIT);
            }
            assertThat(event.data().get("communityId").asText()).isEqualTo(Fixtures.COMMUNITY);
        }
    }

    @Test
    void aFireAlarmIngestedByBIsDeliveredByAsDispatcher() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            new ApiCalls(a).post("/api/v1/webhooks/subscriptions", a.login("root", "root-password-1"),
                    "{\"name\": \"119 center\", \"url\": \"" + receiver.url() + "\", \"topics\": [\"fire.*\"]}", 201);

            alarm("det-c");

            await().atMost(WAIT).until(() -> receiver.requests().stream()
                    .anyMatch(r -> r.body().toString().contains("\"fire.received\"")));
        }
    }

    private static void alarm(String detectorId) throws Exception {
        Device5 detector = Device5.connect(b.mqttUri(), detectorId + "-1", detectorId + "@" + Fixtures.TENANT, SECRET);
        try {
            assertThat(detector.publishAndAwaitReason("event", example("smoke_detector", "event-alarm"))).isZero();
        } finally {
            detector.close();
        }
    }

    @Test
    void aDeviceMessageIngestedByBShowsOnAsDeviceStream() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Stream<String> stream = new ApiCalls(a).deviceStream(Fixtures.COMMUNITY,
                a.login("olga", "olga-password-1"), lines)) {
            Device5 camera = Device5.connect(b.mqttUri(), "cam-b-1", "cam-b@" + Fixtures.TENANT, SECRET);
            try {
                assertThat(camera.publishAndAwaitReason("telemetry", "{\"status\": \"OK\"}")).isZero();
            } finally {
                camera.close();
            }

            await().atMost(WAIT).until(() -> pushed(lines, "cam-b", "lastSeen"));
        }
    }

    @Test
    void aDeviceSwitchedThroughBsApiShowsOnAsDeviceStream() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Stream<String> stream = new ApiCalls(a).deviceStream(Fixtures.COMMUNITY,
                a.login("pia", "pia-password-1"), lines)) {
            disableThroughB("cam-switched");

            await().atMost(WAIT).until(() -> pushed(lines, "cam-switched", "enabled"));
        }
    }

    @Test
    void aKilledListenerConnectionIsReplacedResynchronisesTheStreamsAndSignalsArriveAgain() throws Exception {
        String listener = "FROM pg_stat_activity WHERE datname = current_database() AND application_name = '"
                + SignalListener.applicationName("signals-a") + "'";
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Stream<String> stream = new ApiCalls(a).deviceStream(Fixtures.COMMUNITY,
                a.login("pia", "pia-password-1"), lines)) {
            // a change no instance announced, like one whose notification came while the listener was away
            a.sql("UPDATE devices SET enabled = false WHERE id = 'cam-quiet'");
            List<String> killed = a.sqlRows("SELECT pid::text " + listener);
            assertThat(killed).hasSize(1);

            a.sqlRows("SELECT pg_terminate_backend(pid)::text " + listener);

            // a new backend means the old one's loss was noticed; listening means its LISTENs are done
            await().atMost(WAIT).until(() -> {
                List<String> now = a.sqlRows("SELECT pid::text " + listener);
                return now.size() == 1 && !now.equals(killed);
            });
            await().atMost(WAIT).until(() -> a.platform().signals().isListening());
            await().atMost(WAIT).until(() -> pushed(lines, "cam-quiet", "enabled"));
            disableThroughB("cam-later");
            await().atMost(WAIT).until(() -> pushed(lines, "cam-later", "enabled"));
        }
        assertThat(a.get("/metrics", a.login("root", "root-password-1")).body())
                .contains("anju_cluster_listener_connected 1.0");
    }

    /**
     * PostgreSQL keeps every notification until each listening backend has read it; one that holds
     * a transaction open reads none. The listener reads how full the queue is (for the alert that
     * warns before a full queue makes notifying transactions, the outbox's among them, fail).
     */
    @Test
    void aListenerThatReadsNothingShowsInTheNotifyQueueGauge() throws Exception {
        try (Connection stuck = DriverManager.getConnection(a.databaseUrl());
                Statement statement = stuck.createStatement()) {
            statement.execute("LISTEN anju_test_stuck");
            stuck.setAutoCommit(false);
            statement.execute("SELECT 1");
            // 200 pages of the queue (distinct payloads: PostgreSQL folds identical ones of a transaction), on a
            // channel no instance listens on; the queue is shared by every channel
            a.sql("SELECT pg_notify('anju_test_stuck', i || repeat('x', 7000)) FROM generate_series(1, 200) i");

            String token = a.login("root", "root-password-1");
            // read by the listener every 10 s; readers that keep up leave at most a few pages (PostgreSQL
            // frees the queue 4 pages at a time), 1/1,048,576 of the queue each by default
            await().atMost(Duration.ofSeconds(60)).until(() -> queueUsage(a.get("/metrics", token).body())
                    > 50.0 / 1_048_576);
            stuck.rollback();
        }
    }

    private static double queueUsage(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("anju_cluster_notify_queue_usage "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no anju_cluster_notify_queue_usage in /metrics"));
    }

    @Test
    void closingAnInstanceClosesItsListenerConnection() throws Exception {
        String listener = "FROM pg_stat_activity WHERE datname = current_database() AND application_name = '"
                + SignalListener.applicationName("signals-c") + "'";
        RunningPlatform c = RunningPlatform.alongside(a, with("ANJU_JOBS_INSTANCE_ID", "signals-c"));
        SignalListener signals = c.platform().signals();
        try {
            await().atMost(WAIT).until(signals::isListening);
            assertThat(a.sqlRows("SELECT pid::text " + listener)).hasSize(1);
        } finally {
            c.close();
        }

        assertThat(signals.isListening()).isFalse();
        await().atMost(WAIT).until(() -> a.sqlRows("SELECT pid::text " + listener).isEmpty());
    }

    private static void disableThroughB(String deviceId) throws Exception {
        new ApiCalls(b).put(SWITCH.formatted(deviceId), b.login("pia", "pia-password-1"), "{\"enabled\": false}", 200);
    }

    /** Whether the stream pushed the device, with the field set as the change set it. */
    private static boolean pushed(List<String> lines, String deviceId, String field) throws Exception {
        for (String line : lines) {
            if (line.startsWith("data: ") && line.contains("\"" + deviceId + "\"")) {
                var device = Json.MAPPER.readTree(line.substring(6));
                boolean changed = field.equals("enabled") ? !device.get("enabled").asBoolean()
                        : !device.get(field).isNull();
                if (changed) {
                    return true;
                }
            }
        }
        return false;
    }
}
