package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho MQTT 5 device for tests (also the platform's): records what it receives and why it was
 * disconnected.
 */
public final class Device5 implements MqttCallback, AutoCloseable {

    /**
     * How long a connect, SUBACK, PUBACK, message or disconnect may take: generous, because on a loaded
     * machine the platform's answer goes through the database (and Kafka), and it costs nothing when all works.
     */
    static final long WAIT_MS = 30_000;

    public record Received(String topic, String payload) {
    }

    public final MqttAsyncClient client;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> disconnectReason = new CompletableFuture<>();
    private volatile int answerStatus;

    Device5(String uri, String clientId) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(this);
    }

    /** Connects as {@code authId@tenant}; throws the refusal as an MqttException with its reason code. */
    public static Device5 connect(String uri, String clientId, String username, String password) throws MqttException {
        return connect(uri, clientId, username, password, null);
    }

    public static Device5 connect(String uri, String clientId, String username, String password, SocketFactory sockets)
            throws MqttException {
        Device5 device = new Device5(uri, clientId);
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(UTF_8));
        }
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        options.setAutomaticReconnect(false);
        device.client.connect(options).waitForCompletion(WAIT_MS);
        return device;
    }

    public IMqttToken publish(String topic, String payload, int qos) throws MqttException {
        return client.publish(topic, payload.getBytes(UTF_8), qos, false);
    }

    /** Publishes at QoS 1 and returns the PUBACK reason code (Paho reports failure codes as exceptions). */
    public int publishAndAwaitReason(String topic, String payload) throws MqttException {
        return reasonCode(publish(topic, payload, 1));
    }

    public static int reasonCode(IMqttToken token) {
        try {
            token.waitForCompletion(WAIT_MS);
            return token.getReasonCodes()[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    /** Returns the reason string of the PUBACK (MQTT 5), after {@link #reasonCode(IMqttToken)}. */
    public static String reasonString(IMqttToken token) {
        return token.getResponse() == null || token.getResponse().getProperties() == null ? null
                : token.getResponse().getProperties().getReasonString();
    }

    public int subscribe(String filter, int qos) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(filter, qos));
        token.waitForCompletion(WAIT_MS);
        return token.getReasonCodes()[0];
    }

    /**
     * Answers every command request that arrives from now on with the status (and the request's
     * payload as the response's), from Paho's callback, without blocking it.
     */
    public Device5 answerCommands(int status) {
        answerStatus = status;
        return this;
    }

    public Received nextMessage() throws InterruptedException {
        Received message = received.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message arrived within " + WAIT_MS / 1000 + " s");
        }
        return message;
    }

    public int awaitDisconnectReason() throws Exception {
        return disconnectReason.get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close(true);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        disconnectReason.complete(response.getReturnCode());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws MqttException {
        received.add(new Received(topic, new String(message.getPayload(), UTF_8)));
        String[] levels = topic.split("/");
        if (answerStatus != 0 && levels.length == 6 && !levels[4].isEmpty()) {
            client.publish(levels[0] + "//" + levels[2] + "/" + (levels[3].equals("q") ? "s" : "res") + "/" + levels[4]
                    + "/" + answerStatus, message.getPayload(), 1, false);
        }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
