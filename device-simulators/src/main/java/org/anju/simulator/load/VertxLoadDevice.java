package org.anju.simulator.load;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import org.anju.protocol.manifest.DeviceManifest;

/**
 * One device of a load run on the Vert.x MQTT client (MQTT 3.1.1): event-loop based, so a
 * benchmark's load costs a fraction of the CPU that thread-per-client Paho needs and the figures
 * measure the platform, not the load generator. Used only from its own context.
 * <p>
 * MQTT 3.1.1 has no failure PUBACK: a message the platform could not store ends the connection,
 * its unacknowledged messages count as unanswered, and the device reconnects 1 to 10 s later.
 */
final class VertxLoadDevice implements LoadDevice {

    private static final long PACING_PERIOD_MS = 10;

    private final Vertx vertx;
    private final URI gateway;
    private final DeviceManifest.Device spec;
    private final Ledger ledger;
    private final int window;
    private final double perPacingPeriod;
    private final Runnable connectionChanged;
    private final Readings readings;
    private final Map<Integer, Sent> inFlight = new HashMap<>();
    private final CountDownLatch drained = new CountDownLatch(1);
    private Context context;
    private MqttClient client;
    private double credits;
    /** Published and not yet acknowledged, including those whose packet id is not known yet. */
    private int outstanding;
    private volatile boolean connected;
    private volatile boolean stopping;
    private int reconnectDelayS = 1;

    private record Sent(long tsMillis, long nanos) {
    }

    VertxLoadDevice(Vertx vertx, String mqttUri, DeviceManifest.Device spec, Ledger ledger, int window,
            double ratePerSecond, Runnable connectionChanged) {
        this.vertx = vertx;
        this.gateway = URI.create(mqttUri);
        if (!"tcp".equals(gateway.getScheme()) || gateway.getPort() < 0) {
            throw new IllegalArgumentException("the Vert.x load client needs tcp://host:port, not " + mqttUri);
        }
        this.spec = spec;
        this.ledger = ledger;
        this.window = window;
        this.perPacingPeriod = ratePerSecond * PACING_PERIOD_MS / 1000.0;
        this.connectionChanged = connectionChanged;
        this.readings = new Readings(spec);
    }

    @Override
    public void start() {
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            if (perPacingPeriod > 0) {
                vertx.setPeriodic(PACING_PERIOD_MS, id -> {
                    credits = Math.min(credits + perPacingPeriod, window);
                    fill();
                });
            }
            connect();
        });
    }

    private void connect() {
        client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId("load-" + spec.id())
                .setUsername(spec.username())
                .setPassword(spec.password())
                .setCleanSession(true)
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(window + 1));
        client.publishCompletionHandler(this::acknowledged);
        client.closeHandler(v -> lost());
        client.connect(gateway.getPort(), gateway.getHost()).onComplete(result -> {
            if (result.succeeded()) {
                reconnectDelayS = 1;
                connected = true;
                connectionChanged.run();
                fill();
            } else {
                retryLater();
            }
        });
    }

    private void lost() {
        if (connected) {
            connected = false;
            connectionChanged.run();
        }
        inFlight.values().forEach(sent -> ledger.unanswered());
        inFlight.clear();
        outstanding = 0;
        retryLater();
    }

    private void retryLater() {
        if (stopping) {
            drained.countDown();
            return;
        }
        long jitterMs = ThreadLocalRandom.current().nextLong(500);
        vertx.setTimer(reconnectDelayS * 1000L + jitterMs, id -> connect());
        reconnectDelayS = Math.min(10, reconnectDelayS * 2);
    }

    private void fill() {
        while (connected && !stopping && outstanding < window && (perPacingPeriod == 0 || credits >= 1)) {
            credits--;
            outstanding++;
            Readings.Reading reading = readings.next();
            long nanos = System.nanoTime();
            ledger.sent();
            client.publish("telemetry", Buffer.buffer(reading.payload()), MqttQoS.AT_LEAST_ONCE, false, false)
                    .onSuccess(packetId -> inFlight.put(packetId, new Sent(reading.tsMillis(), nanos)))
                    .onFailure(e -> {
                        outstanding--;
                        ledger.unanswered();
                    });
        }
    }

    private void acknowledged(int packetId) {
        Sent sent = inFlight.remove(packetId);
        if (sent != null) {
            outstanding--;
            ledger.acknowledged(spec.id(), sent.tsMillis(), (System.nanoTime() - sent.nanos()) / 1_000);
        }
        if (stopping && outstanding == 0) {
            drained.countDown();
        } else {
            fill();
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void stop() {
        context.runOnContext(v -> {
            stopping = true;
            if (outstanding == 0) {
                drained.countDown();
            }
        });
        try {
            drained.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CountDownLatch closed = new CountDownLatch(1);
        context.runOnContext(v -> {
            if (client != null && client.isConnected()) {
                client.disconnect().onComplete(r -> closed.countDown());
            } else {
                closed.countDown();
            }
        });
        try {
            closed.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
