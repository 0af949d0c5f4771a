package org.anju.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import org.anju.platform.presence.PresenceSignal;
import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceType;

/**
 * Messages written in one transaction and the device state they leave: one update per device, in
 * device order; for each value the newest measurement wins, whatever order the messages came in.
 */
class BatchTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");

    @Test
    void countsRowsAsPointsPlusEvents() {
        Batch batch = new Batch();
        batch.add(telemetry("dev-1", T0, Map.of(), point("dev-1", T0, "battery", 80), point("dev-1", T0, "signal", -90)));
        batch.add(event("dev-1", T0, T0, "alarm"));
        batch.add(notice("dev-2", T0, PresenceSignal.Kind.CONNECTED));
        assertThat(batch.rows()).isEqualTo(2 + 1 + 1);
        assertThat(batch.entries()).hasSize(3);
    }

    @Test
    void aMessageIsMeasuredAtItsDataElseWhenReceived() {
        Instant received = T0.plusSeconds(30);
        assertThat(telemetry("dev-1", received, Map.of(), point("dev-1", T0, "battery", 1)).measuredAt()).isEqualTo(T0);
        assertThat(event("dev-1", received, T0.plusSeconds(5), "alarm").measuredAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(telemetry("dev-1", received, Map.of("serviceMode", "normal")).measuredAt()).isEqualTo(received);
    }

    @Test
    void theCommittedMessageIsTheEntryAsDecoded() {
        Batch.Entry entry = telemetry("dev-1", T0.plusSeconds(1), Map.of("serviceMode", "normal"),
                point("dev-1", T0, "floor", 7));
        CommittedMessage committed = entry.committed();
        assertThat(committed).isEqualTo(new CommittedMessage("dev-1", DeviceType.ELEVATOR, T0.plusSeconds(1), entry.points(),
                List.of(), Map.of("serviceMode", "normal")));
    }

    @Test
    void oneStateUpdatePerDeviceInDeviceOrder() {
        Batch batch = new Batch();
        batch.add(telemetry("dev-3", T0, Map.of()));
        batch.add(telemetry("dev-1", T0, Map.of()));
        batch.add(telemetry("dev-2", T0, Map.of()));
        batch.add(telemetry("dev-1", T0.plusSeconds(1), Map.of()));
        assertThat(batch.stateUpdates()).containsOnlyKeys("dev-1", "dev-2", "dev-3");
        assertThat(batch.stateUpdates().keySet()).containsExactly("dev-1", "dev-2", "dev-3");
    }

    @Test
    void theNewestMeasurementOfEachValueWinsWhateverTheOrderOfMessages() {
        Batch batch = new Batch();
        // a back-dated message (a device's buffer sent late) arrives after a newer one
        batch.add(telemetry("dev-1", T0.plusSeconds(10), Map.of("serviceMode", "normal"),
                point("dev-1", T0.plusSeconds(10), "floor", 7)));
        batch.add(telemetry("dev-1", T0.plusSeconds(11), Map.of("serviceMode", "inspection",
                "direction", "up"), point("dev-1", T0.plusSeconds(2), "floor", 3), point("dev-1", T0.plusSeconds(2), "speed", 1)));
        Batch.StateUpdate state = batch.stateUpdates().get("dev-1");

        assertThat(state.status).isEqualTo(Map.of("direction", "up", "serviceMode", "normal"));
        assertThat(state.statusAt).containsEntry("serviceMode", T0.plusSeconds(10)).containsEntry("direction", T0.plusSeconds(2));
        assertThat(state.latest.get("floor").value()).isEqualTo(7);
        assertThat(state.latest.get("speed").value()).isEqualTo(1);
        assertThat(state.latestTs).isEqualTo(T0.plusSeconds(10));
        assertThat(state.lastSeen).as("the newest receive time").isEqualTo(T0.plusSeconds(11));
    }

    @Test
    void ofEqualTimesTheLaterQueuedWins() {
        Batch batch = new Batch();
        batch.add(telemetry("dev-1", T0, Map.of("serviceMode", "normal"), point("dev-1", T0, "floor", 1)));
        batch.add(notice("dev-1", T0, PresenceSignal.Kind.DISCONNECTED));
        batch.add(telemetry("dev-1", T0, Map.of("serviceMode", "fire_return"), point("dev-1", T0, "floor", 2)));
        Batch.StateUpdate state = batch.stateUpdates().get("dev-1");
        assertThat(state.status).containsEntry("serviceMode", "fire_return");
        assertThat(state.latest.get("floor").value()).isEqualTo(2);
        assertThat(state.presence).isEqualTo(PresenceSignal.Kind.MESSAGE);
    }

    @Test
    void presenceIsWhatTheNewestMessageSaysPerDevice() {
        Batch batch = new Batch();
        batch.add(telemetry("dev-2", T0, Map.of()));
        batch.add(notice("dev-2", T0.plusSeconds(5), PresenceSignal.Kind.DISCONNECTED));
        batch.add(notice("dev-1", T0.plusSeconds(3), PresenceSignal.Kind.CONNECTED));
        // received earlier than the disconnect, queued later: the disconnect stays the newest
        batch.add(telemetry("dev-2", T0.plusSeconds(4), Map.of()));
        assertThat(batch.presenceSignals()).containsExactly(
                new PresenceSignal("dev-1", T0.plusSeconds(3), PresenceSignal.Kind.CONNECTED),
                new PresenceSignal("dev-2", T0.plusSeconds(5), PresenceSignal.Kind.DISCONNECTED));
    }

    @Test
    void aMessageAddedAfterTheStateWasReadIsInTheNextRead() {
        Batch batch = new Batch();
        batch.add(telemetry("dev-1", T0, Map.of("serviceMode", "normal")));
        assertThat(batch.stateUpdates().get("dev-1").status).containsEntry("serviceMode", "normal");
        batch.add(telemetry("dev-1", T0.plusSeconds(1), Map.of("serviceMode", "inspection")));
        batch.add(telemetry("dev-2", T0, Map.of()));
        assertThat(batch.stateUpdates()).containsOnlyKeys("dev-1", "dev-2");
        assertThat(batch.stateUpdates().get("dev-1").status).containsEntry("serviceMode", "inspection");
    }

    private static DataPoint point(String deviceId, Instant ts, String metric, double value) {
        return new DataPoint(ts, deviceId, metric, value);
    }

    /** A telemetry message received at {@code received}; measured at its points' time, else when received. */
    private static Batch.Entry telemetry(String deviceId, Instant received, Map<String, String> status,
            DataPoint... points) {
        return new Batch.Entry(deviceId, DeviceType.ELEVATOR, received, List.of(points), List.of(), status,
                PresenceSignal.Kind.MESSAGE, Promise.promise());
    }

    private static Batch.Entry event(String deviceId, Instant received, Instant ts, String kind) {
        return new Batch.Entry(deviceId, DeviceType.SMOKE_DETECTOR, received, List.of(),
                List.of(new DeviceEvent(ts, deviceId, kind, "{\"kind\": \"" + kind + "\"}")), Map.of(),
                PresenceSignal.Kind.MESSAGE, Promise.promise());
    }

    private static Batch.Entry notice(String deviceId, Instant received, PresenceSignal.Kind kind) {
        DeviceEvent event = new DeviceEvent(received, deviceId, kind.name().toLowerCase(Locale.ROOT), "{}");
        return new Batch.Entry(deviceId, null, received, List.of(), List.of(event), Map.of(), kind, Promise.promise());
    }
}
