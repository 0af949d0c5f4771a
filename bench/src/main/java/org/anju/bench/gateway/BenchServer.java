package org.anju.bench.gateway;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;

import org.anju.gateway.DeviceIdentity;
import org.anju.gateway.DeviceRegistryClient;
import org.anju.gateway.GatewayOptions;
import org.anju.gateway.MqttGateway;
import org.anju.gateway.TenantLimits;

/**
 * The gateway as the benchmark measures it, in a process of its own: every device is accepted,
 * limits are out of the way, and the downstream is a no-op that acknowledges at once, so that the
 * figures are the gateway's own work. Prints {@code port=N}, then answers {@code heap} with the heap
 * in use after a full collection and {@code quit} by exiting.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        if (args.length > 0 && args[0].equals("bare")) {
            bare(vertx);
            return;
        }
        GatewayOptions options = new GatewayOptions("127.0.0.1", 0, Optional.empty(), Duration.ofSeconds(30),
                1_000_000, 1000, 1_000_000, 1024 * 1024, Duration.ofHours(1));
        MqttGateway gateway = MqttGateway.create(vertx, options, new AcceptAll(), message -> Future.succeededFuture(),
                new SimpleMeterRegistry());
        int port = gateway.start().toCompletionStage().toCompletableFuture().get();
        System.out.println("port=" + port);
        System.out.flush();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        for (String line = commands.readLine(); line != null && !line.equals("quit"); line = commands.readLine()) {
            if (line.equals("heap")) {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                }
                System.out.println("heap=" + memory.getHeapMemoryUsage().getUsed() + " connections="
                        + gateway.connectionCount());
                System.out.flush();
            }
        }
        gateway.stop().toCompletionStage().toCompletableFuture().get();
        vertx.close();
        System.exit(0);
    }

    /**
     * The reference: bare Vert.x MQTT servers (one per core, as the gateway runs them) that accept
     * every connection and acknowledge every message at once, doing nothing else.
     */
    private static void bare(Vertx vertx) throws Exception {
        MqttServerOptions options = new MqttServerOptions().setHost("127.0.0.1").setPort(0);
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.CompletableFuture<Integer> port = new java.util.concurrent.CompletableFuture<>();
        for (int i = 0; i < cores; i++) {
            ((io.vertx.core.impl.VertxInternal) vertx).createEventLoopContext().runOnContext(v -> {
                MqttServer server = MqttServer.create(vertx, options);
                server.endpointHandler(endpoint -> {
                    endpoint.publishAutoAck(true);
                    endpoint.publishHandler(message -> { });
                    endpoint.accept(false);
                });
                server.listen().onSuccess(s -> port.complete(s.actualPort()));
            });
            port.get();
        }
        System.out.println("port=" + port.get());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.exit(0);
    }

    /** A registry that accepts every device of every tenant, with limits out of the way. */
    private static final class AcceptAll implements DeviceRegistryClient {
        private static final TenantLimits UNLIMITED = new TenantLimits(1024 * 1024, 1e9, 1_000_000_000, 10_000_000, 1024);

        @Override
        public Future<DeviceIdentity> authenticate(String tenantId, String authId, String password) {
            return Future.succeededFuture(new DeviceIdentity(tenantId, authId, authId));
        }

        @Override
        public Future<DeviceIdentity> authenticateCertificate(String tenantId, String subjectDn) {
            return Future.succeededFuture(new DeviceIdentity(tenantId, subjectDn, subjectDn));
        }

        @Override
        public Future<Boolean> isStillEnabled(DeviceIdentity device) {
            return Future.succeededFuture(true);
        }

        @Override
        public Future<Boolean> mayActFor(DeviceIdentity gateway, String deviceId) {
            return Future.succeededFuture(true);
        }

        @Override
        public Future<TenantLimits> limits(String tenantId) {
            return Future.succeededFuture(UNLIMITED);
        }
    }
}
