package org.anju.bench.gateway;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

/**
 * The benchmark's MQTT load, in a process of its own so that it does not share a JVM with the
 * server measured. Built on the Vert.x MQTT client: event-loop based, it holds tens of thousands
 * of connections and pipelines many QoS 1 messages per connection, where thread-per-client
 * clients cannot.
 * <ul>
 * <li>{@code load PORT CONNECTIONS MESSAGES_PER_CONNECTION WINDOW PAYLOAD_BYTES}: publishes as fast
 * as PUBACKs allow, at most WINDOW unacknowledged per connection; prints
 * {@code result messages=N seconds=S latencies_us=p50,p99,max}.</li>
 * <li>{@code idle PORT CONNECTIONS}: opens idle connections, prints {@code connected=N}, waits for
 * {@code quit} on stdin.</li>
 * </ul>
 */
public final class LoadGenerator {

    private static final String RUN = "bench-" + ProcessHandle.current().pid();

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        if (args[0].equals("idle")) {
            idle(vertx, port, connections);
        } else {
            load(vertx, port, connections, Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
        vertx.close();
        System.exit(0);
    }

    private static void load(Vertx vertx, int port, int connections, int perConnection, int window, int payloadBytes)
            throws InterruptedException {
        Buffer payload = Buffer.buffer(("{\"v\": \"" + "x".repeat(Math.max(0, payloadBytes - 9)) + "\"}").getBytes());
        long[] latencies = new long[connections * perConnection];
        AtomicInteger latencyCount = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(connections);
        CountDownLatch done = new CountDownLatch(connections);
        Publisher[] publishers = new Publisher[connections];
        for (int c = 0; c < connections; c++) {
            int index = c;
            // each client is created on, and only ever used from, a context of its own
            vertx.runOnContext(v -> {
                // a client id of its own per run: a new run never takes over the sessions of the last
                MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(RUN + "-" + index)
                        .setUsername("bench-" + index + "@bench").setPassword("bench").setMaxInflightQueue(window + 1)
                        .setAutoKeepAlive(true));
                publishers[index] = new Publisher(Vertx.currentContext(), client, perConnection, window, payload,
                        latencies, latencyCount, done);
                client.connect(port, "127.0.0.1").onSuccess(ack -> connected.countDown())
                        .onFailure(e -> System.err.println("connect failed: " + e.getMessage()));
            });
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not all connections were accepted");
        }
        long start = System.nanoTime();
        for (Publisher publisher : publishers) {
            publisher.context.runOnContext(v -> publisher.start());
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = Arrays.copyOf(latencies, latencyCount.get());
        Arrays.sort(sorted);
        System.out.printf("result messages=%d seconds=%.3f latencies_us=%d,%d,%d%n", sorted.length, seconds,
                percentile(sorted, 0.50) / 1000, percentile(sorted, 0.99) / 1000, sorted[sorted.length - 1] / 1000);
        CountDownLatch disconnected = new CountDownLatch(connections);
        for (Publisher publisher : publishers) {
            publisher.context.runOnContext(v -> publisher.client.disconnect().onComplete(r -> disconnected.countDown()));
        }
        disconnected.await(30, TimeUnit.SECONDS);
    }

    /** Keeps one connection's window of unacknowledged messages full until it has sent its share. */
    private static final class Publisher {
        private final Context context;
        private final MqttClient client;
        private final int total;
        private final int window;
        private final Buffer payload;
        private final long[] latencies;
        private final AtomicInteger latencyCount;
        private final CountDownLatch done;
        private final Map<Integer, Long> sentAt = new HashMap<>();
        private int sent;
        private int acknowledged;

        Publisher(Context context, MqttClient client, int total, int window, Buffer payload, long[] latencies, AtomicInteger latencyCount,
                CountDownLatch done) {
            this.context = context;
            this.client = client;
            this.total = total;
            this.window = window;
            this.payload = payload;
            this.latencies = latencies;
            this.latencyCount = latencyCount;
            this.done = done;
        }

        void start() {
            client.publishCompletionHandler(this::acknowledged);
            fill();
        }

        private void fill() {
            while (sent < total && sent - acknowledged < window) {
                sent++;
                long now = System.nanoTime();
                client.publish("telemetry", payload, MqttQoS.AT_LEAST_ONCE, false, false)
                        .onSuccess(id -> sentAt.put(id, now));
            }
        }

        private void acknowledged(int messageId) {
            Long at = sentAt.remove(messageId);
            if (at != null) {
                latencies[latencyCount.getAndIncrement()] = System.nanoTime() - at;
            }
            if (++acknowledged == total) {
                done.countDown();
            } else {
                fill();
            }
        }
    }

    private static void idle(Vertx vertx, int port, int connections) throws Exception {
        LongAdder failed = new LongAdder();
        AtomicInteger open = new AtomicInteger();
        // a few hundred at a time, so that the accept queue never overflows
        int batch = 500;
        for (int start = 0; start < connections; start += batch) {
            CountDownLatch round = new CountDownLatch(Math.min(batch, connections - start));
            for (int c = start; c < Math.min(connections, start + batch); c++) {
                MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(RUN + "-idle-" + c)
                        .setUsername("idle-" + c + "@bench").setPassword("bench").setKeepAliveInterval(600));
                client.connect(port, "127.0.0.1").onComplete(r -> {
                    if (r.succeeded()) {
                        open.incrementAndGet();
                    } else {
                        failed.increment();
                    }
                    round.countDown();
                });
            }
            round.await(60, TimeUnit.SECONDS);
        }
        System.out.println("connected=" + open.get() + " failed=" + failed.sum());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

}
