package org.anju.simulator.device;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import org.anju.protocol.manifest.DeviceManifest;

/**
 * One device's MQTT connection (Eclipse Paho async client, MQTT 5 or 3.1.1), reduced to what a
 * simulated device needs. Futures complete on Paho's threads; callers must not block in them.
 * It never reconnects by itself: the device decides when (backoff with jitter).
 */
public interface MqttLink {

    /** What the connection tells its device. Called on Paho's callback thread: must not block. */
    interface Listener {

        /** The connection is up (after {@link #connect()}); the place to subscribe again. */
        void connectComplete(boolean reconnect);

        /** The connection went down without {@link #disconnect()}. */
        void connectionLost(String reason);

        /** A message arrived on a subscribed topic (commands). */
        void messageArrived(String topic, byte[] payload);
    }

    /** Connects; fails with the refusal (an MqttException carrying the reason code). */
    CompletableFuture<Void> connect();

    /** Subscribes; fails when the gateway refuses the filter. */
    CompletableFuture<Void> subscribe(String filter, int qos);

    /**
     * Publishes; at QoS 1 completes on a successful PUBACK, fails on a negative one (MQTT 5) or when
     * the connection is lost before it. Fails at once while disconnected or at the in-flight limit.
     */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos);

    /** Disconnects cleanly (DISCONNECT), waiting at most a few seconds for in-flight messages. */
    CompletableFuture<Void> disconnect();

    boolean isConnected();

    /** Frees the client; the link cannot be used again. */
    void close();

    /** Creates a link for the device. */
    static MqttLink create(MqttVersion version, String serverUri, DeviceManifest.Device device,
            ScheduledExecutorService threads, int maxInFlight, Listener listener) {
        return switch (version) {
            case V5 -> new Paho5Link(serverUri, device, threads, maxInFlight, listener);
            case V3 -> new Paho3Link(serverUri, device, threads, maxInFlight, listener);
        };
    }
}
