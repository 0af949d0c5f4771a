package org.anju.simulator;

import org.anju.protocol.manifest.DeviceManifest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.simulator.behaviour.Behaviour;
import org.anju.simulator.behaviour.Behaviours;
import org.anju.simulator.behaviour.Relaying;
import org.anju.simulator.device.Backoff;
import org.anju.simulator.device.DeviceStates;
import org.anju.simulator.device.DeviceThreads;
import org.anju.simulator.device.MqttVersion;
import org.anju.simulator.device.SimulatedDevice;
import org.anju.simulator.incident.Incident;
import org.anju.simulator.incident.IncidentTarget;

/**
 * Runs every device of a manifest live: one Paho client per device on the shared
 * {@link DeviceThreads}, each behaviour stepped at its period (first steps spread over the period),
 * detectors relayed through the fire panel of their building, state saved next to the manifest
 * every minute and at the end. Incidents are forced on devices by id.
 */
public final class CommunitySimulator implements IncidentTarget, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommunitySimulator.class);
    private static final Duration SAVE_EVERY = Duration.ofMinutes(1);
    /** Connects per second at start: fast, yet not a storm that times out half of the CONNACKs. */
    public static final int DEFAULT_CONNECTS_PER_SECOND = 500;

    /**
     * How to run.
     *
     * @param mqttUri the gateway; null for the manifest's
     * @param version MQTT 5 or 3.1.1
     * @param period  time between two steps of every device; null for each behaviour's own period
     * @param states  where device state persists; null to keep none
     * @param clock   the time devices live in
     * @param connectsPerSecond how fast devices connect at start (a ramp instead of a storm); 0 for all at once
     */
    public record Options(String mqttUri, MqttVersion version, Duration period, DeviceStates states, Clock clock,
            int connectsPerSecond) {

        /** Connects at {@link #DEFAULT_CONNECTS_PER_SECOND}. */
        public Options(String mqttUri, MqttVersion version, Duration period, DeviceStates states, Clock clock) {
            this(mqttUri, version, period, states, clock, DEFAULT_CONNECTS_PER_SECOND);
        }

        public Options {
            if (connectsPerSecond < 0) {
                throw new IllegalArgumentException("connectsPerSecond must not be negative, got " + connectsPerSecond);
            }
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(clock, "clock");
            if (period != null && (period.isNegative() || period.isZero())) {
                throw new IllegalArgumentException("period must be positive, got " + period);
            }
        }

        public static Options defaults() {
            return new Options(null, MqttVersion.V5, null, null, Clock.systemUTC());
        }
    }

    private final Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
    private final SimulatorStats stats = new SimulatorStats();
    private final DeviceThreads threads = new DeviceThreads(2);
    private final Options options;
    private ScheduledFuture<?> saving;
    private boolean closed;

    private CommunitySimulator(Options options) {
        this.options = options;
    }

    /** Runs the manifest's devices with the demo's fixed interval and no saved state. */
    public static CommunitySimulator start(DeviceManifest manifest, String mqttUri, Duration interval) throws IOException {
        return start(manifest, new Options(mqttUri, MqttVersion.V5, interval, null, Clock.systemUTC()));
    }

    /**
     * Creates every device (continuing from saved state), connects them and starts stepping.
     *
     * @throws IOException              when the state file exists but cannot be read
     * @throws IllegalArgumentException naming the device when a type or attribute is bad
     */
    public static CommunitySimulator start(DeviceManifest manifest, Options options) throws IOException {
        CommunitySimulator simulator = new CommunitySimulator(options);
        Map<String, JsonNode> saved = options.states() == null ? Map.of() : options.states().load();
        String uri = options.mqttUri() != null ? options.mqttUri() : manifest.mqttUri();
        try {
            for (DeviceManifest.Device spec : manifest.devices()) {
                Behaviour behaviour = Behaviours.create(spec);
                if (saved.containsKey(spec.id())) {
                    behaviour.restoreState(saved.get(spec.id()));
                }
                simulator.devices.put(spec.id(), new SimulatedDevice(spec, behaviour, uri, options.version(), simulator.stats,
                        options.clock(), simulator.threads, Backoff.DEFAULT));
            }
        } catch (RuntimeException e) {
            simulator.threads.shutdownNow();
            throw e;
        }
        simulator.wireRelays();
        SplittableRandom spread = new SplittableRandom(42);
        long index = 0;
        for (SimulatedDevice device : simulator.devices.values()) {
            Duration period = options.period() != null ? options.period() : device.behaviour().period();
            Duration connectAfter = options.connectsPerSecond() == 0 ? Duration.ZERO
                    : Duration.ofMillis(index++ * 1000 / options.connectsPerSecond());
            device.start(period, connectAfter.plusMillis(spread.nextLong(Math.max(1, period.toMillis()))), connectAfter);
        }
        if (options.states() != null) {
            simulator.saving = simulator.threads.scheduleAtFixedRate(simulator::saveQuietly, SAVE_EVERY.toMillis(),
                    SAVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("simulating {} devices against {} (MQTT {}, Paho loops on {} threads)", simulator.devices.size(), uri,
                options.version() == MqttVersion.V5 ? "5" : "3.1.1", DeviceThreads.virtual() ? "virtual" : "platform");
        return simulator;
    }

    public SimulatorStats stats() {
        return stats;
    }

    public int size() {
        return devices.size();
    }

    /** Returns the running device with that id, or null. */
    public SimulatedDevice device(String id) {
        return devices.get(id);
    }

    @Override
    public void inject(String deviceId, Incident incident) {
        SimulatedDevice device = devices.get(deviceId);
        if (device == null) {
            throw new IllegalArgumentException("no simulated device '" + deviceId + "'");
        }
        device.inject(incident);
    }

    /** Writes every device's state to the state file now (when there is one). */
    public synchronized void saveState() throws IOException {
        if (options.states() == null) {
            return;
        }
        Map<String, JsonNode> states = new LinkedHashMap<>();
        devices.forEach((id, device) -> states.put(id, device.saveState()));
        options.states().save(states);
    }

    /** Disconnects every device cleanly (waiting up to 10 s in all), saves state; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (saving != null) {
            saving.cancel(false);
        }
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        devices.values().forEach(d -> stopping.add(d.stop()));
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("not every device disconnected cleanly: {}", e.toString());
        }
        saveQuietly();
        threads.shutdownNow();
    }

    private void saveQuietly() {
        try {
            saveState();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not save device state to {}: {}", options.states().file(), e.toString());
        }
    }

    /** Detectors of a building speak through that building's fire panel as well. */
    private void wireRelays() {
        for (SimulatedDevice panel : devices.values()) {
            if (!(panel.behaviour() instanceof Relaying relaying) || panel.spec().buildingId() == null) {
                continue;
            }
            for (SimulatedDevice detector : devices.values()) {
                DeviceManifest.Device spec = detector.spec();
                if (spec.type().equals("smoke_detector") && panel.spec().buildingId().equals(spec.buildingId())) {
                    detector.tapEvents((ts, event) -> panel.relay(relaying, spec.id(), spec.floor(), event, ts));
                }
            }
        }
    }
}
