package org.anju.simulator.device;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import org.anju.protocol.manifest.DeviceManifest;

/** An MQTT 5 link on Paho's async client with the shared executor. */
final class Paho5Link implements MqttLink, MqttCallback {

    private static final int KEEP_ALIVE_S = 60;
    private final MqttAsyncClient client;
    private final DeviceManifest.Device device;
    private final Listener listener;
    private final int maxInFlight;

    Paho5Link(String serverUri, DeviceManifest.Device device, ScheduledExecutorService threads, int maxInFlight,
            Listener listener) {
        this.device = device;
        this.listener = listener;
        this.maxInFlight = maxInFlight;
        try {
            this.client = new MqttAsyncClient(serverUri, device.id(), new MemoryPersistence(),
                    new TimerPingSender(threads), threads);
        } catch (MqttException e) {
            throw new IllegalArgumentException("device " + device.id() + ": cannot create an MQTT client for "
                    + serverUri + ": " + e.getMessage(), e);
        }
        client.setCallback(this);
    }

    @Override
    public CompletableFuture<Void> connect() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(device.username());
        options.setPassword(device.password().getBytes(UTF_8));
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(KEEP_ALIVE_S);
        options.setConnectionTimeout(30);
        options.setReceiveMaximum(maxInFlight);
        return call(listener -> client.connect(options, null, listener));
    }

    @Override
    public CompletableFuture<Void> subscribe(String filter, int qos) {
        return call(listener -> client.subscribe(filter, qos, null, listener));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        return call(listener -> client.publish(topic, payload, qos, false, null, listener));
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        if (!client.isConnected()) {
            return CompletableFuture.completedFuture(null);
        }
        return call(listener -> client.disconnect(2_000, null, listener, 0, new MqttProperties()));
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            client.close(true);
        } catch (MqttException e) {
            // closing an already closed or still connected client: nothing left to free
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        listener.connectComplete(reconnect);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        listener.connectionLost(response.getReasonString() != null ? response.getReasonString()
                : "reason code " + response.getReturnCode());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        listener.messageArrived(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    /** Starts a Paho operation with its listener: given up front, so a quick completion cannot be missed. */
    private interface Action {
        IMqttToken start(MqttActionListener listener) throws MqttException;
    }

    private static CompletableFuture<Void> call(Action action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            action.start(new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    done.completeExceptionally(cause != null ? cause : new IllegalStateException("MQTT operation failed without a cause"));
                }
            });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
