package org.anju.simulator.device;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.SimulatorStats;
import org.anju.simulator.behaviour.Behaviour;
import org.anju.simulator.behaviour.CommandResult;
import org.anju.simulator.behaviour.Emitter;
import org.anju.simulator.incident.Incident;
import org.anju.simulator.incident.IncidentKind;

/**
 * One live simulated device: its behaviour stepped at wall-clock time on the shared scheduler, what
 * it says published over its MQTT link (telemetry and events at QoS 1, {@code ts} set), commands
 * answered on the Hono response topic, reconnects with backoff and jitter, command subscription
 * renewed in {@code connectComplete}.
 */
public final class SimulatedDevice implements MqttLink.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceManifest.Device spec;
    private final Behaviour behaviour;
    private final SimulatorStats stats;
    private final Clock clock;
    private final ScheduledExecutorService threads;
    private final Backoff backoff;
    private final SplittableRandom jitter;
    private final String serverUri;
    private final MqttVersion version;
    private volatile MqttLink link;
    private final Emitter emitter = new LiveEmitter();
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Instant offlineUntil = Instant.MIN;
    private volatile BiConsumer<Instant, Map<String, Object>> eventTap = (ts, event) -> { };
    private int attempt;
    private ScheduledFuture<?> ticking;

    public SimulatedDevice(DeviceManifest.Device spec, Behaviour behaviour, String serverUri, MqttVersion version,
            SimulatorStats stats, Clock clock, ScheduledExecutorService threads, Backoff backoff) {
        this.spec = spec;
        this.behaviour = behaviour;
        this.stats = stats;
        this.clock = clock;
        this.threads = threads;
        this.backoff = backoff;
        this.jitter = new SplittableRandom(spec.id().hashCode());
        this.serverUri = serverUri;
        this.version = version;
        this.link = MqttLink.create(version, serverUri, spec, threads, 64, this);
    }

    public DeviceManifest.Device spec() {
        return spec;
    }

    public boolean connected() {
        return connected;
    }

    /** Lets another part (a fire panel's relay) see this device's events; called under this device's lock. */
    public void tapEvents(BiConsumer<Instant, Map<String, Object>> tap) {
        this.eventTap = tap;
    }

    /**
     * Connects after {@code connectAfter} and steps the behaviour every {@code period}, the first
     * step after {@code firstStep}.
     */
    public void start(Duration period, Duration firstStep, Duration connectAfter) {
        running = true;
        threads.schedule(this::connectNow, connectAfter.toMillis(), TimeUnit.MILLISECONDS);
        ticking = threads.scheduleAtFixedRate(this::tick, firstStep.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Steps the behaviour to the clock's time now and publishes what it says. */
    public void tick() {
        try {
            synchronized (this) {
                behaviour.step(clock.instant(), emitter);
            }
        } catch (RuntimeException e) {
            // a failing step must not cancel the periodic task
            LOG.warn("device [id: {}] step failed: {}", spec.id(), e.toString());
        }
    }

    /** Forces an incident now; an outage also drops the connection for its duration. */
    public void inject(Incident incident) {
        Instant now = clock.instant();
        synchronized (this) {
            behaviour.inject(incident, now, emitter);
        }
        if (incident.kind() == IncidentKind.OUTAGE) {
            offlineUntil = now.plus(incident.duration());
            markDisconnected();
            link.disconnect().whenComplete((ok, e) -> threads.schedule(this::connectNow,
                    Math.max(0, incident.duration().toMillis()), TimeUnit.MILLISECONDS));
        }
    }

    /** Relays another device's event through this one (a fire panel for its detectors). */
    public synchronized void relay(org.anju.simulator.behaviour.Relaying relaying, String sourceId, Integer floor,
            Map<String, Object> event, Instant ts) {
        relaying.relay(sourceId, floor, event, ts, emitter);
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public synchronized JsonNode saveState() {
        return behaviour.saveState();
    }

    public synchronized void restoreState(JsonNode state) {
        behaviour.restoreState(state);
    }

    /** Stops stepping and disconnects cleanly; completes when disconnected. Idempotent. */
    public CompletableFuture<Void> stop() {
        running = false;
        if (ticking != null) {
            ticking.cancel(false);
        }
        markDisconnected();
        // Paho's disconnect blocks its caller for a while: on a virtual thread of its own, devices stop in parallel
        return CompletableFuture.supplyAsync(link::disconnect, threads)
                .thenCompose(disconnected -> disconnected.handle((ok, e) -> null))
                .thenRun(link::close);
    }

    @Override
    public void connectComplete(boolean reconnect) {
        attempt = 0;
        if (!connected) {
            connected = true;
            stats.onConnected();
        }
        // cleanStart: the gateway forgot the subscription with the old session
        link.subscribe(CommandTopic.FILTER, 1).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("device [id: {}] could not subscribe to commands: {}", spec.id(), e.getMessage());
            }
        });
    }

    @Override
    public void connectionLost(String reason) {
        LOG.debug("device [id: {}] connection lost: {}", spec.id(), reason);
        markDisconnected();
        scheduleReconnect();
    }

    @Override
    public void messageArrived(String topic, byte[] payload) {
        CommandTopic command = CommandTopic.parse(topic);
        if (command == null) {
            return;
        }
        stats.onCommand();
        threads.execute(() -> answer(command, payload)); // off Paho's callback thread
    }

    private void answer(CommandTopic command, byte[] payload) {
        CommandResult result;
        try {
            JsonNode body = payload.length == 0 ? null : JSON.readTree(payload);
            synchronized (this) {
                result = behaviour.command(command.name(), body, clock.instant(), emitter);
            }
        } catch (IOException e) {
            result = CommandResult.refused(400, command.name() + ": payload is not JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("device [id: {}] command {} failed: {}", spec.id(), command.name(), e.toString());
            result = CommandResult.refused(500, command.name() + " failed in the device: " + e.getMessage());
        }
        if (!command.oneWay()) {
            send(command.responseTopic(result.status()), result.payload());
        }
    }

    private void connectNow() {
        if (!running || clock.instant().isBefore(offlineUntil)) {
            return;
        }
        link.connect().whenComplete((ok, e) -> {
            if (e != null) {
                stats.onConnectFailed();
                LOG.debug("device [id: {}] could not connect: {}", spec.id(), e.getMessage());
                // a Paho client whose connect timed out can stay "connecting" for ever: start over with a fresh one
                MqttLink failed = link;
                link = MqttLink.create(version, serverUri, spec, threads, 64, this);
                failed.close();
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect() {
        if (!running || clock.instant().isBefore(offlineUntil)) {
            return;
        }
        Duration delay = backoff.delay(attempt++, jitter);
        threads.schedule(this::connectNow, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void markDisconnected() {
        if (connected) {
            connected = false;
            stats.onDisconnected();
        }
    }

    private void send(String topic, Map<String, Object> payload) {
        if (!connected) {
            stats.onUnsent();
            return;
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("device " + spec.id() + " built a payload that is not JSON", e);
        }
        stats.onPublished();
        link.publish(topic, bytes, 1).whenComplete((ok, e) -> {
            if (e == null) {
                stats.onAcknowledged();
            } else {
                stats.onFailed();
                LOG.debug("device [id: {}] publish on {} failed: {}", spec.id(), topic, e.getMessage());
            }
        });
    }

    private final class LiveEmitter implements Emitter {
        @Override
        public void telemetry(Instant ts, Map<String, Object> payload) {
            send("telemetry", stamped(ts, payload));
        }

        @Override
        public void event(Instant ts, Map<String, Object> payload) {
            Map<String, Object> event = stamped(ts, payload);
            send("event", event);
            eventTap.accept(ts, event);
        }

        private Map<String, Object> stamped(Instant ts, Map<String, Object> payload) {
            Map<String, Object> stamped = new LinkedHashMap<>();
            stamped.put("ts", ts.toString());
            stamped.putAll(payload);
            return stamped;
        }
    }
}
