package org.anju.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * One simulated device: an MQTT 5 Paho client speaking the Hono device API, publishing its
 * model's readings as JSON on {@code telemetry} at QoS 1.
 * <p>
 * Paho reconnects by itself with growing delays; callbacks never block.
 */
final class SimulatedDevice implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECONNECT_DELAY_S = 30;

    private final DeviceManifest.Device spec;
    private final TelemetryModel model;
    private final SimulatorStats stats;
    private final Clock clock;
    private final MqttAsyncClient client;
    private volatile boolean connected;

    SimulatedDevice(String mqttUri, DeviceManifest.Device spec, SimulatorStats stats, Clock clock) throws MqttException {
        this.spec = spec;
        this.model = TelemetryModel.forType(spec.type(), spec.id().hashCode());
        this.stats = stats;
        this.clock = clock;
        this.client = new MqttAsyncClient(mqttUri, spec.id(), new MemoryPersistence());
        client.setCallback(this);
    }

    void connect() throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(spec.username());
        options.setPassword(spec.password().getBytes(UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, MAX_RECONNECT_DELAY_S);
        options.setKeepAliveInterval(60);
        client.connect(options).setActionCallback(new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                LOG.warn("device [id: {}] could not connect: {}", spec.id(), cause.getMessage());
            }
        });
    }

    /** Publishes one reading now; does nothing while disconnected. */
    void publishReading() {
        if (!connected) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("ts", now.toString());
        reading.putAll(model.next(now));
        try {
            byte[] payload = JSON.writeValueAsBytes(reading);
            stats.published.increment();
            client.publish("telemetry", payload, 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    stats.acknowledged.increment();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    stats.failed.increment();
                }
            });
        } catch (MqttException | JsonProcessingException e) {
            stats.failed.increment();
            LOG.debug("device [id: {}] publish failed: {}", spec.id(), e.getMessage());
        }
    }

    void stop() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
            client.close();
        } catch (MqttException e) {
            LOG.debug("device [id: {}] did not close cleanly: {}", spec.id(), e.getMessage());
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        connected = true;
        stats.connected.incrementAndGet();
        LOG.debug("device [id: {}] {} to {}", spec.id(), reconnect ? "reconnected" : "connected", serverUri);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (connected) {
            connected = false;
            stats.connected.decrementAndGet();
        }
        LOG.debug("device [id: {}] disconnected: {}", spec.id(), response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.debug("device [id: {}] MQTT error: {}", spec.id(), exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // commands arrive here once the command API exists; telemetry-only devices receive nothing
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
