package org.anju.simulator.device;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.anju.protocol.manifest.DeviceManifest;

/** An MQTT 3.1.1 link on Paho's async client with the shared executor. */
final class Paho3Link implements MqttLink, MqttCallbackExtended {

    private static final int KEEP_ALIVE_S = 60;
    private final MqttAsyncClient client;
    private final DeviceManifest.Device device;
    private final Listener listener;
    private final int maxInFlight;

    Paho3Link(String serverUri, DeviceManifest.Device device, ScheduledExecutorService threads, int maxInFlight,
            Listener listener) {
        this.device = device;
        this.listener = listener;
        this.maxInFlight = maxInFlight;
        try {
            this.client = new MqttAsyncClient(serverUri, device.id(), new MemoryPersistence(),
                    new ScheduledExecutorPingSender(threads), threads);
        } catch (MqttException e) {
            throw new IllegalArgumentException("device " + device.id() + ": cannot create an MQTT client for "
                    + serverUri + ": " + e.getMessage(), e);
        }
        client.setCallback(this);
    }

    @Override
    public CompletableFuture<Void> connect() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(device.username());
        options.setPassword(device.password().toCharArray());
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(KEEP_ALIVE_S);
        options.setConnectionTimeout(30);
        options.setMaxInflight(maxInFlight);
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
        return call(listener -> client.disconnect(2_000, null, listener));
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
    public void connectionLost(Throwable cause) {
        listener.connectionLost(cause == null ? "connection lost" : String.valueOf(cause.getMessage()));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        listener.messageArrived(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    /** Starts a Paho operation with its listener: given up front, so a quick completion cannot be missed. */
    private interface Action {
        IMqttToken start(IMqttActionListener listener) throws MqttException;
    }

    private static CompletableFuture<Void> call(Action action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            action.start(new IMqttActionListener() {
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
