package org.anju.simulator.history;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.behaviour.Behaviour;
import org.anju.simulator.behaviour.Behaviours;
import org.anju.simulator.behaviour.Emitter;
import org.anju.simulator.device.DeviceStates;
import org.anju.simulator.device.DeviceThreads;
import org.anju.simulator.device.MqttLink;
import org.anju.simulator.device.MqttVersion;

/**
 * Accelerated history: steps every device's behaviour over past days and publishes what it says
 * through the normal device API with back-dated {@code ts}, as fast as the gateway acknowledges
 * (a window of unacknowledged messages per device) and below the gateway's per-device rate limit.
 * A device continues from its saved state and only fills the time after its last step, so counters
 * and registers stay monotonic and a backfill followed by {@code run} joins up.
 */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ACK_WAIT = Duration.ofSeconds(60);
    private static final ConnectRetry CONNECT = new ConnectRetry(Thread::sleep, ACK_WAIT);

    /**
     * What to backfill.
     *
     * @param from              the first simulated time
     * @param to                the last simulated time (now, usually)
     * @param step              simulated time between two steps of a device
     * @param maxRatePerDevice  messages per second per device (the gateway allows 100/s, burst 1000)
     * @param window            unacknowledged messages per device
     * @param parallelDevices   devices backfilling at the same time
     */
    public record Options(String mqttUri, MqttVersion version, Instant from, Instant to, Duration step,
            int maxRatePerDevice, int window, int parallelDevices, DeviceStates states) {
        public Options {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("backfill from " + from + " must be before to " + to);
            }
            if (step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("step must be positive, got " + step);
            }
            if (maxRatePerDevice < 1 || window < 1 || parallelDevices < 1) {
                throw new IllegalArgumentException("rate, window and parallel devices must be at least 1");
            }
        }
    }

    /** What a backfill did. */
    public record Report(int devices, long messages, long acknowledged, long failed, int devicesFailed, Duration elapsed) {
        /** Acknowledged messages per second of wall-clock time. */
        public double rate() {
            return acknowledged * 1000.0 / Math.max(1, elapsed.toMillis());
        }
    }

    private final LongAdder published = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public long published() {
        return published.sum();
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /**
     * Backfills every device of the manifest and saves their states.
     *
     * @throws IOException when the state file cannot be read or written
     */
    public Report run(DeviceManifest manifest, Options options) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Map<String, JsonNode> states = options.states() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(options.states().load());
        Map<String, JsonNode> after = new ConcurrentHashMap<>();
        String uri = options.mqttUri() != null ? options.mqttUri() : manifest.mqttUri();
        Semaphore parallel = new Semaphore(options.parallelDevices());
        int devicesFailed = 0;
        try (DeviceThreads threads = new DeviceThreads(1);
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> runs = new ArrayList<>();
            for (DeviceManifest.Device device : manifest.devices()) {
                Behaviour behaviour = Behaviours.create(device);
                if (states.containsKey(device.id())) {
                    behaviour.restoreState(states.get(device.id()));
                }
                runs.add(workers.submit(() -> {
                    parallel.acquire();
                    try {
                        new DeviceRun(device, behaviour, uri, options, threads).run();
                        after.put(device.id(), behaviour.saveState());
                    } finally {
                        parallel.release();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    devicesFailed++;
                    LOG.warn("backfill of a device failed: {}", e.getCause().toString());
                }
            }
        }
        states.putAll(after);
        if (options.states() != null) {
            options.states().save(states);
        }
        return new Report(manifest.devices().size(), published(), acknowledged(), failed(), devicesFailed,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** One device's history: step, collect, publish paced, wait for the window. */
    private final class DeviceRun implements MqttLink.Listener {
        private final DeviceManifest.Device device;
        private final Behaviour behaviour;
        private final Options options;
        private final MqttLink link;
        private final Semaphore window;
        private final long nanosPerMessage;
        private long nextSend = System.nanoTime();

        DeviceRun(DeviceManifest.Device device, Behaviour behaviour, String uri, Options options, DeviceThreads threads) {
            this.device = device;
            this.behaviour = behaviour;
            this.options = options;
            this.window = new Semaphore(options.window());
            this.nanosPerMessage = 1_000_000_000L / options.maxRatePerDevice();
            this.link = MqttLink.create(options.version(), uri, device, threads, options.window(), this);
        }

        void run() throws Exception {
            Instant last = behaviour.lastStep();
            Instant start = last == null || last.isBefore(options.from()) ? options.from() : last.plus(options.step());
            if (start.isAfter(options.to())) {
                return; // this device's history is complete already
            }
            connect();
            try {
                List<String[]> batch = new ArrayList<>();
                Emitter collect = new Emitter() {
                    @Override
                    public void telemetry(Instant ts, Map<String, Object> payload) {
                        batch.add(new String[] {"telemetry", stamped(ts, payload)});
                    }

                    @Override
                    public void event(Instant ts, Map<String, Object> payload) {
                        batch.add(new String[] {"event", stamped(ts, payload)});
                    }
                };
                for (Instant t = start; !t.isAfter(options.to()); t = t.plus(options.step())) {
                    behaviour.step(t, collect);
                    for (String[] message : batch) {
                        send(message[0], message[1].getBytes(UTF_8));
                    }
                    batch.clear();
                }
                // every message acknowledged or failed
                if (!window.tryAcquire(options.window(), ACK_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IOException("device " + device.id() + ": messages not acknowledged within " + ACK_WAIT);
                }
            } finally {
                link.disconnect().handle((ok, e) -> null).get(ACK_WAIT.toSeconds(), TimeUnit.SECONDS);
                link.close();
            }
        }

        private void connect() throws IOException, InterruptedException {
            CONNECT.connect(device.id(), link::connect);
        }

        private void send(String topic, byte[] payload) throws Exception {
            long wait = nextSend - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            nextSend = Math.max(nextSend, System.nanoTime() - nanosPerMessage * 10) + nanosPerMessage;
            if (!window.tryAcquire(ACK_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException("device " + device.id() + ": no acknowledgement within " + ACK_WAIT);
            }
            if (!link.isConnected()) {
                connect();
            }
            published.increment();
            link.publish(topic, payload, 1).whenComplete((ok, e) -> {
                if (e == null) {
                    acknowledged.increment();
                } else {
                    failed.increment();
                    LOG.debug("device [id: {}] backfill message refused: {}", device.id(), e.getMessage());
                }
                window.release();
            });
        }

        @Override
        public void connectComplete(boolean reconnect) {
        }

        @Override
        public void connectionLost(String reason) {
            LOG.debug("device [id: {}] backfill connection lost: {}", device.id(), reason);
        }

        @Override
        public void messageArrived(String topic, byte[] payload) {
        }
    }

    private static String stamped(Instant ts, Map<String, Object> payload) {
        Map<String, Object> stamped = new LinkedHashMap<>();
        stamped.put("ts", ts.toString());
        stamped.putAll(payload);
        try {
            return JSON.writeValueAsString(stamped);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a behaviour built a payload that is not JSON", e);
        }
    }
}
