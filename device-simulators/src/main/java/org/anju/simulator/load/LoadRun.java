package org.anju.simulator.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttException;

import org.anju.simulator.DeviceManifest;

/**
 * Load mode: every device of a manifest publishes telemetry at QoS 1, together at a target rate
 * (or as fast as their windows allow), and the {@link Ledger} keeps what was acknowledged.
 * <p>
 * Each device publishes from its own virtual thread; Paho's I/O threads do the rest.
 */
public final class LoadRun implements AutoCloseable {

    /**
     * How to load.
     *
     * @param mqttUri       the gateway, e.g. {@code tcp://127.0.0.1:1883}
     * @param ratePerSecond messages per second of all devices together; 0 for as fast as possible
     * @param window        unacknowledged messages per device (at most the gateway's Receive Maximum)
     */
    public record Options(String mqttUri, double ratePerSecond, int window) {

        public Options {
            if (ratePerSecond < 0) {
                throw new IllegalArgumentException("the rate must not be negative: " + ratePerSecond);
            }
            if (window < 1 || window > 65_535) {
                throw new IllegalArgumentException("the window must be 1 to 65535: " + window);
            }
        }
    }

    private final Ledger ledger = new Ledger();
    private final List<LoadDevice> devices = new ArrayList<>();
    private final ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor();
    private final Object connections = new Object();

    private LoadRun() {
    }

    /**
     * Connects every device and starts publishing.
     *
     * @throws MqttException when a client cannot even be created (a malformed URI)
     */
    public static LoadRun start(List<DeviceManifest.Device> devices, Options options) throws MqttException {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a load run needs at least one device");
        }
        LoadRun run = new LoadRun();
        double perDevice = options.ratePerSecond() / devices.size();
        for (DeviceManifest.Device spec : devices) {
            LoadDevice device = new LoadDevice(options.mqttUri(), spec, run.ledger, options.window(), perDevice,
                    run::connectionChanged);
            run.devices.add(device);
            device.connect();
        }
        run.devices.forEach(d -> run.loops.execute(d::publishLoop));
        return run;
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
        loops.shutdownNow();
        devices.parallelStream().forEach(LoadDevice::stop);
        devices.clear();
        try {
            loops.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
