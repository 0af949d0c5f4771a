package org.anju.simulator.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.protocol.manifest.DeviceManifest;

/**
 * One device of a load run: a Paho MQTT 5 client publishing its model's telemetry at QoS 1 with a
 * window of unacknowledged messages, each carrying a {@code ts} unique for the device so the
 * ledger can find it in the database.
 * <p>
 * The publishing loop runs on a virtual thread and blocks only on the window. A lost connection
 * releases the window (Paho may never complete those tokens: the session is clean) and the loop
 * waits for Paho's automatic reconnect.
 */
final class PahoLoadDevice implements LoadDevice, MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(PahoLoadDevice.class);
    private static final int FAILURE_REASON = 0x80;

    private final DeviceManifest.Device spec;
    private final Readings readings;
    private final Ledger ledger;
    private final int window;
    private final long intervalNanos;
    private final MqttAsyncClient client;
    private final Runnable connectionChanged;
    private final Object connectedSignal = new Object();
    private volatile Semaphore inFlight;
    private volatile boolean connected;
    private volatile boolean stopping;
    private Thread publisher;

    /**
     * @param ratePerSecond messages per second this device sends at most; 0 for as fast as the window allows
     */
    PahoLoadDevice(String mqttUri, DeviceManifest.Device spec, Ledger ledger, int window, double ratePerSecond,
            Runnable connectionChanged) throws MqttException {
        this.connectionChanged = connectionChanged;
        this.spec = spec;
        this.readings = new Readings(spec);
        this.ledger = ledger;
        this.window = window;
        this.inFlight = new Semaphore(window);
        this.intervalNanos = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
        this.client = new MqttAsyncClient(mqttUri, "load-" + spec.id(), new MemoryPersistence());
        client.setCallback(this);
    }

    /** Starts connecting (Paho keeps reconnecting 1 s to 10 s apart) and publishing on a virtual thread. */
    @Override
    public void start() throws MqttException {
        connect();
        publisher = Thread.ofVirtual().name("load-" + spec.id()).start(this::publishLoop);
    }

    private void connect() throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(spec.username());
        options.setPassword(spec.password().getBytes(UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 10);
        options.setConnectionTimeout(10);
        options.setReceiveMaximum(window);
        client.connect(options).setActionCallback(new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                LOG.debug("load device [id: {}] could not connect: {}", spec.id(), cause.getMessage());
            }
        });
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    private void publishLoop() {
        long next = System.nanoTime();
        while (!stopping) {
            if (!awaitConnected()) {
                continue;
            }
            Semaphore window = inFlight;
            try {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            if (intervalNanos > 0) {
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -1_000_000_000L) {
                    next = System.nanoTime(); // fell more than a second behind (a reconnect): do not burst
                }
            }
            publishOne(window);
        }
    }

    private void publishOne(Semaphore window) {
        Readings.Reading reading = readings.next();
        long ts = reading.tsMillis();
        long started = System.nanoTime();
        ledger.sent();
        try {
            client.publish("telemetry", reading.payload(), 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= FAILURE_REASON) {
                        ledger.refused();
                    } else {
                        ledger.acknowledged(spec.id(), ts, (System.nanoTime() - started) / 1_000);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    window.release();
                    if (cause instanceof MqttException e && e.getReasonCode() >= FAILURE_REASON
                            && e.getReasonCode() <= 0xFF) {
                        ledger.refused();
                    } else {
                        ledger.unanswered();
                    }
                }
            });
        } catch (MqttException e) {
            window.release();
            ledger.unanswered();
        }
    }

    private boolean awaitConnected() {
        synchronized (connectedSignal) {
            if (!connected && !stopping) {
                try {
                    connectedSignal.wait(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
            return connected;
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (publisher != null) {
            publisher.interrupt();
        }
        synchronized (connectedSignal) {
            connectedSignal.notifyAll();
        }
        try {
            inFlight.tryAcquire(window, 5, TimeUnit.SECONDS);
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
            client.close(true);
        } catch (MqttException | InterruptedException e) {
            LOG.debug("load device [id: {}] did not close cleanly: {}", spec.id(), e.getMessage());
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        synchronized (connectedSignal) {
            connected = true;
            connectedSignal.notifyAll();
        }
        connectionChanged.run();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connected = false;
        // Paho completes the outstanding tokens of a clean session late or never: start a new window.
        inFlight = new Semaphore(window);
        connectionChanged.run();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.debug("load device [id: {}] MQTT error: {}", spec.id(), exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
