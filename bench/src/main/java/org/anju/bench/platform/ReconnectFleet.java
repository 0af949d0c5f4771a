package org.anju.bench.platform;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;

import org.anju.simulator.device.Backoff;

/**
 * The devices of {@code ./anju bench reconnect}, in a process of their own: N Vert.x MQTT clients
 * that connect (at most {@code RATE} new connections a second), stay connected, and reconnect
 * whenever their connection ends or an attempt fails, as the project's simulated devices do
 * ({@link Backoff}: from 1 s, doubling up to {@code RETRY_MAX_S}, each delay between half and all
 * of that). Vert.x's event-loop clients hold ten thousand connections where thread-per-client
 * clients cannot.
 * <p>
 * {@code PORT DEVICES RATE TENANT ID_PREFIX SECRET_PREFIX RETRY_MAX_S}: device i logs in as
 * {@code ID_PREFIX<i>@TENANT} with {@code SECRET_PREFIX<i>}. Prints {@code progress …} every second,
 * {@code all_connected at_ms=…} each time every device is connected, and exits on {@code quit}.
 */
public final class ReconnectFleet {

    private final Vertx vertx = Vertx.vertx();
    private final Backoff backoff;
    private final int port;
    private final int devices;
    private final String tenant;
    private final String idPrefix;
    private final String secretPrefix;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong refusedUnavailable = new AtomicLong();
    private final AtomicLong refusedOther = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private ReconnectFleet(int port, int devices, String tenant, String idPrefix, String secretPrefix, Backoff backoff) {
        this.backoff = backoff;
        this.port = port;
        this.devices = devices;
        this.tenant = tenant;
        this.idPrefix = idPrefix;
        this.secretPrefix = secretPrefix;
    }

    public static void main(String[] args) throws Exception {
        ReconnectFleet fleet = new ReconnectFleet(Integer.parseInt(args[0]), Integer.parseInt(args[1]), args[3], args[4],
                args[5], new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(Long.parseLong(args[6]))));
        fleet.start(Integer.parseInt(args[2]));
        new BufferedReader(new InputStreamReader(System.in)).lines().filter("quit"::equals).findFirst();
        fleet.vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** Starts {@code rate} devices a second; each then keeps itself connected. */
    private void start(int rate) {
        AtomicInteger next = new AtomicInteger();
        int perTick = Math.max(1, rate / 10);
        vertx.setPeriodic(100, timer -> {
            for (int i = 0; i < perTick && next.get() < devices; i++) {
                int index = next.getAndIncrement();
                // each device on a context of its own, spread over the event loops
                ((VertxInternal) vertx).createEventLoopContext().runOnContext(v -> connect(index, 0));
            }
            if (next.get() >= devices) {
                vertx.cancelTimer(timer);
            }
        });
        vertx.setPeriodic(1000, timer -> System.out.printf("progress connected=%d attempts=%d refused_unavailable=%d "
                + "refused_other=%d failed=%d%n", connected.get(), attempts.get(), refusedUnavailable.get(),
                refusedOther.get(), failed.get()));
    }

    /** Connects device {@code index}; {@code failures} attempts of it have failed in a row. */
    private void connect(int index, int failures) {
        attempts.incrementAndGet();
        // a fresh client per attempt, as a device that starts its connection over
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(idPrefix + index)
                .setUsername(idPrefix + index + "@" + tenant).setPassword(secretPrefix + index).setAutoKeepAlive(true)
                .setKeepAliveInterval(60));
        AtomicBoolean up = new AtomicBoolean();
        client.closeHandler(v -> {
            // a refused attempt closes too: only a connection that was up is lost here
            if (up.getAndSet(false)) {
                connected.decrementAndGet();
                retry(index, 0);
            }
        });
        client.connect(port, "127.0.0.1").onSuccess(ack -> {
            up.set(true);
            if (connected.incrementAndGet() == devices) {
                System.out.println("all_connected at_ms=" + System.currentTimeMillis());
            }
        }).onFailure(cause -> {
            count(cause);
            retry(index, failures + 1);
        });
    }

    private void count(Throwable cause) {
        if (cause instanceof MqttConnectionException refused) {
            if (refused.code() == MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE) {
                refusedUnavailable.incrementAndGet();
            } else {
                refusedOther.incrementAndGet();
            }
        } else {
            failed.incrementAndGet();
        }
    }

    private void retry(int index, int failures) {
        // SplittableRandom is not thread-safe: one per delay, seeded from this event loop's own random
        long delay = backoff.delay(failures, new SplittableRandom(ThreadLocalRandom.current().nextLong())).toMillis();
        vertx.setTimer(Math.max(1, delay), t -> connect(index, failures));
    }
}
