package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A Paho MQTT 3.1.1 device for tests: records what it receives, its PUBACKs and when it lost the
 * connection.
 */
final class Device3 implements MqttCallback, AutoCloseable {

    /** How long a connect, SUBACK, message or lost connection may take: generous for a loaded machine. */
    static final long WAIT_MS = 30_000;

    final MqttAsyncClient client;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> acknowledged = new LinkedBlockingQueue<>();
    final CompletableFuture<Throwable> lost = new CompletableFuture<>();
    private volatile int answerStatus;

    private Device3(String uri, String clientId) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(this);
    }

    static Device3 connect(String uri, String clientId, String username, String password) throws MqttException {
        return connect(uri, clientId, username, password, 10);
    }

    static Device3 connect(String uri, String clientId, String username, String password, int maxInflight)
            throws MqttException {
        Device3 device = new Device3(uri, clientId);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(username);
        options.setPassword(password.toCharArray());
        options.setAutomaticReconnect(false);
        options.setMaxInflight(maxInflight);
        device.client.connect(options).waitForCompletion(WAIT_MS);
        return device;
    }

    IMqttDeliveryToken publish(String topic, String payload, int qos) throws MqttException {
        return client.publish(topic, payload.getBytes(UTF_8), qos, false);
    }

    IMqttToken subscribe(String filter, int qos) throws MqttException {
        IMqttToken token = client.subscribe(filter, qos);
        token.waitForCompletion(WAIT_MS);
        return token;
    }

    /**
     * Takes the next message, checks that it arrived on this error topic, and returns Hono's error
     * payload, whose {@code code} must be the topic's status.
     */
    JsonObject nextError(String errorTopic) throws InterruptedException {
        String report = received.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(report).as("an error report").isNotNull().startsWith(errorTopic + " ");
        JsonObject error = new JsonObject(report.substring(report.indexOf(' ') + 1));
        assertThat(error.getInteger("code")).isEqualTo(
                Integer.parseInt(errorTopic.substring(errorTopic.lastIndexOf('/') + 1)));
        return error;
    }

    /** Answers every command request from now on with the status, echoing its payload, without blocking Paho's callback. */
    Device3 answerCommands(int status) {
        answerStatus = status;
        return this;
    }

    Throwable awaitLost() throws Exception {
        return lost.get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost.complete(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws MqttException {
        received.add(topic + " " + new String(message.getPayload(), UTF_8));
        String[] levels = topic.split("/");
        if (answerStatus != 0 && levels.length == 6 && !levels[4].isEmpty()) {
            client.publish(levels[0] + "//" + levels[2] + "/" + (levels[3].equals("q") ? "s" : "res") + "/" + levels[4]
                    + "/" + answerStatus, message.getPayload(), 1, false);
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        acknowledged.add(token.getMessageId());
    }
}
