package org.anju.platform.presence;

import static org.anju.platform.presence.PresenceRig.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;

/**
 * Presence on a real database with real ingest, on a clock the test moves: per-type heartbeat
 * expectations, coming back online, disconnect notices, and concurrent presence jobs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PresenceIT {

    private static final String KEEPALIVE = "{\"status\": \"OK\"}";
    private static final String HEARTBEAT = "{\"kind\": \"heartbeat\", \"battery\": 86}";
    private static final String LOCKER = "{\"compartments\": [{\"id\": \"A01\", \"size\": \"S\", \"state\": \"empty\"}]}";

    @Test
    void cameraIsOfflineAfterThreeMissedKeepalivesAndNotBefore() throws Exception {
        try (PresenceRig rig = new PresenceRig()) {
            rig.fixtures.device("cam-1", "camera", "pw");
            rig.telemetry("cam-1", KEEPALIVE);
            assertThat(rig.state("cam-1")).isEqualTo(new PresenceRig.State(true, T0, "message_received"));

            rig.clock.set(T0.plusSeconds(180));
            assertThat(rig.check()).as("the third keepalive is due only now").isEmpty();
            assertThat(rig.state("cam-1").online()).isTrue();

            rig.clock.set(T0.plusSeconds(181));
            List<PresenceChange> changes = rig.check();

            assertThat(changes).containsExactly(
                    new PresenceChange("cam-1", "camera", false, T0.plusSeconds(180), "missed_heartbeats"));
            assertThat(rig.state("cam-1")).isEqualTo(new PresenceRig.State(false, T0.plusSeconds(180), "missed_heartbeats"));
            assertThat(rig.presenceEvents("cam-1")).containsExactly(
                    new PresenceRig.Event(T0, "online", "message_received", T0.toString()),
                    new PresenceRig.Event(T0.plusSeconds(180), "offline", "missed_heartbeats", T0.toString()));
            assertThat(rig.told).containsExactly(
                    new PresenceChange("cam-1", "camera", true, T0, "message_received"), changes.get(0));

            rig.clock.advance(Duration.ofHours(1));
            assertThat(rig.check()).as("an offline device is taken offline once").isEmpty();
        }
    }

    @Test
    void smokeDetectorIsOfflineAfterTwoOfItsOwnIntervals() throws Exception {
        try (PresenceRig rig = new PresenceRig()) {
            rig.fixtures.device("det-12h", "smoke_detector", "pw").device("det-24h", "smoke_detector", "pw");
            rig.fixtures.registrar().heartbeatInterval("det-12h", Duration.ofHours(12));
            rig.event("det-12h", HEARTBEAT);
            rig.event("det-24h", HEARTBEAT);

            rig.clock.set(T0.plus(Duration.ofHours(24)));
            assertThat(rig.check()).isEmpty();

            rig.clock.set(T0.plus(Duration.ofHours(24)).plusSeconds(1));
            assertThat(rig.check()).containsExactly(new PresenceChange("det-12h", "smoke_detector", false,
                    T0.plus(Duration.ofHours(24)), "missed_heartbeats"));

            rig.clock.set(T0.plus(Duration.ofHours(48)));
            assertThat(rig.check()).as("the type's 24 h: still within two heartbeats").isEmpty();
            rig.clock.set(T0.plus(Duration.ofHours(48)).plusSeconds(1));
            assertThat(rig.check()).extracting(PresenceChange::deviceId).containsExactly("det-24h");
            assertThat(rig.count("SELECT count(*) FROM device_events WHERE kind = 'offline'"
                    + " AND payload ->> 'missed' = '2' AND (payload ->> 'intervalSeconds')::float = 43200"
                    + " AND device_id = 'det-12h'")).as("the event says which expectation was broken").isEqualTo(1);
        }
    }

    @Test
    void expectationsAreConfigurablePerType() throws Exception {
        Map<DeviceType, Expectation> expectations = new EnumMap<>(PresenceSettings.defaults().expectations());
        expectations.put(DeviceType.PARCEL_LOCKER, new Expectation(Duration.ofSeconds(10), 2, true));
        try (PresenceRig rig = new PresenceRig(new PresenceSettings(Duration.ofSeconds(1), expectations))) {
            rig.fixtures.device("locker-1", "parcel_locker", "pw").device("cam-1", "camera", "pw");
            rig.telemetry("locker-1", LOCKER);
            rig.telemetry("cam-1", KEEPALIVE);

            rig.clock.set(T0.plusSeconds(20));
            assertThat(rig.check()).isEmpty();
            rig.clock.set(T0.plusSeconds(21));

            assertThat(rig.check()).containsExactly(
                    new PresenceChange("locker-1", "parcel_locker", false, T0.plusSeconds(20), "missed_heartbeats"));
            assertThat(rig.state("cam-1").online()).isTrue();
        }
    }

    @Test
    void aMessageBringsAnOfflineDeviceBackOnlineOnce() throws Exception {
        try (PresenceRig rig = new PresenceRig()) {
            rig.fixtures.device("cam-1", "camera", "pw");
            rig.telemetry("cam-1", KEEPALIVE);
            rig.clock.set(T0.plusSeconds(600));
            assertThat(rig.check()).hasSize(1);
            rig.told.clear();

            Instant back = T0.plusSeconds(700);
            rig.clock.set(back);
            // several messages, in one batch or in several: one transition
            List<io.vertx.core.Future<Void>> stored = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                stored.add(rig.send("cam-1", Endpoint.TELEMETRY, KEEPALIVE));
            }
            PresenceRig.await(io.vertx.core.Future.all(stored));
            rig.clock.advance(Duration.ofSeconds(1));
            rig.telemetry("cam-1", KEEPALIVE);

            assertThat(rig.state("cam-1")).isEqualTo(new PresenceRig.State(true, back, "message_received"));
            assertThat(rig.presenceEvents("cam-1")).extracting(PresenceRig.Event::kind)
                    .containsExactly("online", "offline", "online");
            assertThat(rig.told).containsExactly(new PresenceChange("cam-1", "camera", true, back, "message_received"));
            assertThat(rig.check()).isEmpty();
        }
    }

    @Test
    void disconnectTakesADeviceOfflineAtOnceWhereItsTypeSaysSo() throws Exception {
        try (PresenceRig rig = new PresenceRig()) {
            rig.fixtures.device("cam-1", "camera", "pw").device("det-1", "smoke_detector", "pw");
            rig.connection("cam-1", "connected");
            rig.connection("det-1", "connected");
            rig.event("det-1", HEARTBEAT);

            rig.clock.advance(Duration.ofSeconds(30));
            rig.connection("cam-1", "disconnected");
            rig.connection("det-1", "disconnected");

            assertThat(rig.state("cam-1")).isEqualTo(new PresenceRig.State(false, T0.plusSeconds(30), "disconnected"));
            assertThat(rig.state("det-1").online()).as("NB-IoT detectors connect only to report").isTrue();
            assertThat(rig.presenceEvents("cam-1")).containsExactly(
                    new PresenceRig.Event(T0, "online", "connected", T0.toString()),
                    new PresenceRig.Event(T0.plusSeconds(30), "offline", "disconnected", T0.plusSeconds(30).toString()));

            rig.clock.advance(Duration.ofSeconds(5));
            rig.connection("cam-1", "connected");
            assertThat(rig.state("cam-1")).isEqualTo(new PresenceRig.State(true, T0.plusSeconds(35), "connected"));
        }
    }

    @Test
    void takeoverGatewayStopAndLateDisconnectNoticesDoNotTakeADeviceOffline() throws Exception {
        try (PresenceRig rig = new PresenceRig()) {
            rig.fixtures.device("cam-1", "camera", "pw");
            rig.connection("cam-1", "connected");
            Instant disconnectedAt = rig.clock.instant().plusSeconds(10);
            rig.clock.advance(Duration.ofSeconds(11));
            // the new connection's notice is stored before the old one's, which carries an earlier time
            rig.connection("cam-1", "connected");
            rig.connection("cam-1", "taken_over");
            rig.clock.set(disconnectedAt);
            rig.connection("cam-1", "disconnected");
            assertThat(rig.state("cam-1").online()).isTrue();
            rig.clock.advance(Duration.ofSeconds(30));
            rig.connection("cam-1", "gateway_stopped");

            assertThat(rig.state("cam-1").online()).as("our own shutdown is not the device's").isTrue();
            assertThat(rig.presenceEvents("cam-1")).extracting(PresenceRig.Event::kind).containsExactly("online");
        }
    }

    @Test
    void concurrentJobsMakeEachTransitionOnce() throws Exception {
        int devices = 120;
        try (PresenceRig rig = new PresenceRig()) {
            List<io.vertx.core.Future<Void>> stored = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                rig.fixtures.registrar().device(new org.anju.platform.registry.Registrar.Device("cam-" + i,
                        "acme", "elm-court", "camera", "Camera " + i, null, null, null, null, null));
                stored.add(rig.send("cam-" + i, Endpoint.TELEMETRY, KEEPALIVE));
            }
            PresenceRig.await(io.vertx.core.Future.all(stored));
            rig.told.clear();
            rig.clock.set(T0.plusSeconds(181));

            int jobs = 4;
            CyclicBarrier start = new CyclicBarrier(jobs);
            ExecutorService threads = Executors.newFixedThreadPool(jobs);
            List<Future<List<PresenceChange>>> runs = new ArrayList<>();
            try {
                for (int j = 0; j < jobs; j++) {
                    PresenceJob job = rig.job(7);
                    runs.add(threads.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return job.runOnce();
                    }));
                }
                List<PresenceChange> all = new ArrayList<>();
                for (Future<List<PresenceChange>> run : runs) {
                    all.addAll(run.get(60, TimeUnit.SECONDS));
                }

                Set<String> ids = new HashSet<>();
                all.forEach(change -> ids.add(change.deviceId()));
                assertThat(all).hasSize(devices);
                assertThat(ids).hasSize(devices);
                assertThat(rig.told).hasSize(devices);
                assertThat(rig.count("SELECT count(*) FROM device_events WHERE kind = 'offline'")).isEqualTo(devices);
                assertThat(rig.count("SELECT count(*) FROM device_state WHERE online")).isZero();
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
