package org.anju.simulator.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;

import org.anju.protocol.manifest.DeviceManifest;

/**
 * Load mode: every device of a manifest publishes telemetry at QoS 1, together at a target rate
 * (or as fast as their windows allow), and the {@link Ledger} keeps what was acknowledged.
 */
public final class LoadRun implements AutoCloseable {

    /** The MQTT client that drives the devices. */
    public enum Client {
        /** Eclipse Paho, MQTT 5: what devices use; a thread per connection for its I/O. */
        PAHO,
        /** The Vert.x MQTT client, MQTT 3.1.1: event-loop based, for loads beyond what Paho threads can generate. */
        VERTX
    }

    /**
     * How to load.
     *
     * @param mqttUri       the gateway, e.g. {@code tcp://127.0.0.1:1883}
     * @param ratePerSecond messages per second of all devices together; 0 for as fast as possible
     * @param window        unacknowledged messages per device (at most the gateway's Receive Maximum)
     * @param client        the MQTT client
     */
    public record Options(String mqttUri, double ratePerSecond, int window, Client client) {

        public Options {
            if (ratePerSecond < 0) {
                throw new IllegalArgumentException("the rate must not be negative: " + ratePerSecond);
            }
            if (window < 1 || window > 65_535) {
                throw new IllegalArgumentException("the window must be 1 to 65535: " + window);
            }
        }

        /** Paho devices. */
        public Options(String mqttUri, double ratePerSecond, int window) {
            this(mqttUri, ratePerSecond, window, Client.PAHO);
        }
    }

    private final Ledger ledger = new Ledger();
    private final List<LoadDevice> devices = new ArrayList<>();
    private final Object connections = new Object();
    private final Vertx vertx;

    private LoadRun(Client client) {
        this.vertx = client == Client.VERTX ? Vertx.vertx() : null;
    }

    /**
     * Connects every device and starts publishing.
     *
     * @throws Exception when a client cannot even be created (a malformed URI)
     */
    public static LoadRun start(List<DeviceManifest.Device> devices, Options options) throws Exception {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a load run needs at least one device");
        }
        LoadRun run = new LoadRun(options.client());
        try {
            double perDevice = options.ratePerSecond() / devices.size();
            for (DeviceManifest.Device spec : devices) {
                LoadDevice device = options.client() == Client.VERTX
                        ? new VertxLoadDevice(run.vertx, options.mqttUri(), spec, run.ledger, options.window(), perDevice,
                                run::connectionChanged)
                        : new PahoLoadDevice(options.mqttUri(), spec, run.ledger, options.window(), perDevice,
                                run::connectionChanged);
                run.devices.add(device);
                device.start();
            }
            return run;
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Returns how many devices are connected now. */
    public int connectedDevices() {
        return (int) devices.stream().filter(LoadDevice::isConnected).count();
    }

    /** Waits until every device is connected; returns false when the deadline passed first. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connections) {
            while (connectedDevices() < devices.size()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(connections, left);
            }
        }
        return true;
    }

    private void connectionChanged() {
        synchronized (connections) {
            connections.notifyAll();
        }
    }

    /** Stops publishing, waits for the last acknowledgements and disconnects; idempotent. */
    @Override
    public void close() {
        devices.parallelStream().forEach(LoadDevice::stop);
        devices.clear();
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
