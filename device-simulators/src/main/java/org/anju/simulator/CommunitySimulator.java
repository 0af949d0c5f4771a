package org.anju.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every device of a manifest: connects them and has each publish a reading per interval,
 * spread over the interval so that a community does not speak in one burst.
 */
public final class CommunitySimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommunitySimulator.class);

    private final List<SimulatedDevice> devices = new ArrayList<>();
    private final SimulatorStats stats = new SimulatorStats();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
            Thread.ofPlatform().name("anju-simulator").daemon(true).factory());

    /**
     * Connects every device of the manifest and starts publishing.
     *
     * @param mqttUri  the gateway to connect to, overriding the manifest's when not null
     * @param interval time between two readings of one device
     * @throws MqttException when a client cannot even be created (a malformed URI)
     */
    public static CommunitySimulator start(DeviceManifest manifest, String mqttUri, Duration interval)
            throws MqttException {
        CommunitySimulator simulator = new CommunitySimulator();
        String uri = mqttUri != null ? mqttUri : manifest.mqttUri();
        SplittableRandom jitter = new SplittableRandom(42);
        for (DeviceManifest.Device spec : manifest.devices()) {
            SimulatedDevice device = new SimulatedDevice(uri, spec, simulator.stats, Clock.systemUTC());
            simulator.devices.add(device);
            device.connect();
            long offsetMs = jitter.nextLong(Math.max(1, interval.toMillis()));
            simulator.scheduler.scheduleAtFixedRate(device::publishReading, offsetMs, interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("simulating {} devices against {} every {}", simulator.devices.size(), uri, interval);
        return simulator;
    }

    public SimulatorStats stats() {
        return stats;
    }

    /** Stops publishing and disconnects every device; idempotent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        devices.forEach(SimulatedDevice::stop);
        devices.clear();
    }
}
