package org.anju.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.gateway.impl.MqttGatewayImpl;

/**
 * A real gateway on a free port (and TLS port when configured) for tests; closing stops it (and
 * closes its Vert.x instance when the harness made it).
 */
final class GatewayHarness implements AutoCloseable {

    static final String TENANT = "acme";
    static final String PASSWORD = "s3cret-password";

    final Vertx vertx;
    final TestRegistry registry;
    final ScriptedDownstream downstream;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MqttGateway gateway;
    final int port;
    private final boolean ownVertx;
    private final List<AutoCloseable> devices = new ArrayList<>();

    GatewayHarness(GatewayOptions options, TestRegistry registry, ScriptedDownstream downstream) throws Exception {
        this(Vertx.vertx(), true, options, registry, downstream);
    }

    /** A gateway on the test's Vert.x instance (vertx-junit5 closes it). */
    GatewayHarness(Vertx vertx, GatewayOptions options, TestRegistry registry, ScriptedDownstream downstream)
            throws Exception {
        this(vertx, false, options, registry, downstream);
    }

    /** A gateway whose authentication throttle reads the time from {@code throttleNanoTime}. */
    GatewayHarness(GatewayOptions options, TestRegistry registry, LongSupplier throttleNanoTime) throws Exception {
        this(Vertx.vertx(), true, options, registry, new ScriptedDownstream().autoAccept(), throttleNanoTime);
    }

    private GatewayHarness(Vertx vertx, boolean ownVertx, GatewayOptions options, TestRegistry registry,
            ScriptedDownstream downstream) throws Exception {
        this(vertx, ownVertx, options, registry, downstream, System::nanoTime);
    }

    private GatewayHarness(Vertx vertx, boolean ownVertx, GatewayOptions options, TestRegistry registry,
            ScriptedDownstream downstream, LongSupplier throttleNanoTime) throws Exception {
        this.vertx = vertx;
        this.ownVertx = ownVertx;
        this.registry = registry;
        this.downstream = downstream;
        this.gateway = new MqttGatewayImpl(vertx, options.withHost("127.0.0.1"), registry, downstream, meters,
                throttleNanoTime);
        this.port = await(gateway.start());
    }

    /** A gateway with default options where devices {@code dev-1..dev-9} of {@link #TENANT} exist. */
    static GatewayHarness standard(ScriptedDownstream downstream) throws Exception {
        return new GatewayHarness(GatewayOptions.defaults(0), devices(new TestRegistry()), downstream);
    }

    /** The standard devices, and {@code locker-bank}, registered as the gateway of {@code compartment-12}. */
    static TestRegistry lockerBank() {
        return devices(new TestRegistry()).device(TENANT, "locker-bank", PASSWORD)
                .gatewayOf(TENANT, "locker-bank", "compartment-12");
    }

    static TestRegistry devices(TestRegistry registry) {
        for (int i = 1; i <= 9; i++) {
            registry.device(TENANT, "dev-" + i, PASSWORD);
        }
        return registry;
    }

    /** Connects device {@code id} (MQTT 5, client id = id); it is closed with the harness. */
    Device5 device5(String id) throws Exception {
        return closedWithHarness(Device5.connect(uri(), id, id + "@" + TENANT, PASSWORD));
    }

    /** Closes the device with the harness, before the gateway: never in a callback, since closing waits for the gateway. */
    <T extends AutoCloseable> T closedWithHarness(T device) {
        devices.add(device);
        return device;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable device : devices) {
            device.close();
        }
        await(gateway.stop());
        if (ownVertx) {
            await(vertx.close());
        }
    }
}
