package org.anju.gateway.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.TrustOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;
import org.anju.gateway.CommandRequest;
import org.anju.gateway.CommandResponse;
import org.anju.gateway.DeviceRegistryClient;
import org.anju.gateway.Downstream;
import org.anju.gateway.GatewayOptions;
import org.anju.gateway.MqttGateway;
import org.anju.gateway.tls.ServerCertificate;

/**
 * Owns the Vert.x MQTT servers (plain and TLS), the sessions of connected devices, the periodic
 * revocation check and command routing.
 */
public final class MqttGatewayImpl implements MqttGateway {

    private static final Logger LOG = LoggerFactory.getLogger(MqttGatewayImpl.class);
    private static final int EVENT_LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final GatewayContext gateway;
    private final List<MqttServer> plain = new ArrayList<>();
    private final List<MqttServer> tls = new ArrayList<>();
    private Future<Integer> listening;
    private long revalidationTimer = -1;

    public MqttGatewayImpl(Vertx vertx, GatewayOptions options, DeviceRegistryClient registry, Downstream downstream,
            MeterRegistry meters) {
        this(vertx, options, registry, downstream, meters, System::nanoTime);
    }

    /**
     * A gateway whose authentication throttle reads the time from {@code throttleNanoTime}, so that a
     * test moves a lock's end instead of racing a real one.
     */
    public MqttGatewayImpl(Vertx vertx, GatewayOptions options, DeviceRegistryClient registry, Downstream downstream,
            MeterRegistry meters, LongSupplier throttleNanoTime) {
        SessionRegistry sessions = new SessionRegistry(options.maxConnections());
        ConnectAuthentication authentication = new ConnectAuthentication(vertx, registry,
                ClientCertificates.create(options.tls(), registry),
                new AddressThrottle(options.authThrottle(), throttleNanoTime));
        this.gateway = new GatewayContext(vertx, options, registry, downstream, new GatewayMetrics(meters), sessions,
                new InFlightLimiter(options.maxInFlightTotal()), new CommandRouter(vertx, sessions, registry),
                authentication, new LogLimiter(DeviceSession.REFUSAL_LOG_INTERVAL_S, TimeUnit.SECONDS, System::nanoTime));
    }

    @Override
    public synchronized Future<Integer> start() {
        if (listening != null) {
            return listening;
        }
        GatewayOptions options = gateway.options();
        gateway.sessions().stopping(false);
        Future<Integer> plainPort = options.plainEnabled()
                ? listenOnEveryEventLoop(baseOptions().setPort(options.port()), "MQTT", plain)
                : Future.succeededFuture(0);
        if (!options.plainEnabled()) {
            LOG.info("plain MQTT port turned off (mqtt.plainEnabled: false): devices connect over TLS only");
        }
        Future<Integer> tlsPort = options.tls()
                .map(t -> listenOnEveryEventLoop(tlsOptions(t), "MQTT over TLS", tls))
                .orElse(Future.succeededFuture(0));
        listening = Future.all(plainPort, tlsPort).map(all -> plainPort.result());
        revalidationTimer = gateway.vertx().setPeriodic(options.revalidateInterval().toMillis(), id -> revalidate());
        return listening;
    }

    @Override
    public int tlsPort() {
        return tls.isEmpty() ? 0 : tls.getFirst().actualPort();
    }

    @Override
    public synchronized Future<Void> stop() {
        if (listening == null) {
            return Future.succeededFuture();
        }
        listening = null;
        gateway.vertx().cancelTimer(revalidationTimer);
        // the devices did not go away: their connection notices say the gateway stopped
        gateway.sessions().stopping(true);
        // closing a server closes its connections; each session's close handler then cleans up
        List<Future<Void>> closed = new ArrayList<>();
        plain.forEach(server -> closed.add(server.close()));
        tls.forEach(server -> closed.add(server.close()));
        plain.clear();
        tls.clear();
        return Future.all(closed).mapEmpty();
    }

    @Override
    public int connectionCount() {
        return gateway.sessions().count();
    }

    @Override
    public void onCommandSubscription(Consumer<String> listener) {
        gateway.sessions().onCommandSubscription(listener);
    }

    @Override
    public Future<CommandResponse> sendCommand(CommandRequest command,
            Function<CommandResponse, Future<Void>> forward) {
        return gateway.commands().send(command, forward);
    }

    /**
     * Listens with one server per event loop: a Vert.x server serves all its connections on the
     * event loop it was created on, so one server would use one core. The first binds (port 0
     * picks a free one); the others, with the same options, share its socket, and Vert.x spreads
     * the connections over them.
     */
    private Future<Integer> listenOnEveryEventLoop(MqttServerOptions serverOptions, String what, List<MqttServer> servers) {
        Promise<Integer> first = Promise.promise();
        onNewEventLoop(() -> {
            MqttServer server = server(serverOptions);
            servers.add(server);
            listen(server, what, serverOptions.getPort()).onComplete(first);
        });
        return first.future().compose(port -> {
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i < EVENT_LOOPS; i++) {
                Promise<Integer> other = Promise.promise();
                onNewEventLoop(() -> {
                    MqttServer server = server(serverOptions);
                    synchronized (servers) {
                        servers.add(server);
                    }
                    server.listen().map(MqttServer::actualPort).onComplete(other);
                });
                others.add(other.future());
            }
            return Future.all(others).map(all -> port);
        });
    }

    private void onNewEventLoop(Runnable action) {
        ((VertxInternal) gateway.vertx()).createEventLoopContext().runOnContext(v -> action.run());
    }

    private MqttServer server(MqttServerOptions serverOptions) {
        MqttServer server = GuardedMqttServer.create(gateway.vertx(), serverOptions);
        server.endpointHandler(endpoint -> new DeviceSession(gateway, endpoint, Vertx.currentContext())
                .open(Credentials.from(endpoint)));
        // what a device does wrong is logged by its ProtocolGuard, with its address
        server.exceptionHandler(cause -> LOG.debug("MQTT connection refused before CONNECT: {}", cause.getMessage()));
        return server;
    }

    private MqttServerOptions baseOptions() {
        return new MqttServerOptions()
                .setHost(gateway.options().host())
                .setMaxMessageSize(gateway.options().maxPacketBytes())
                .setTimeoutOnConnect(10)
                .setUseWebSocket(false);
    }

    private MqttServerOptions tlsOptions(GatewayOptions.Tls settings) {
        MqttServerOptions options = baseOptions().setPort(settings.port());
        options.setSsl(true);
        options.setKeyCertOptions(ServerCertificate.options(settings.certPath(), settings.keyPath(),
                settings.keyStorePassword()));
        // devices may present a client certificate; which tenant trusts it is decided after the handshake
        options.setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()));
        options.setClientAuth(ClientAuth.REQUEST);
        return options;
    }

    private Future<Integer> listen(MqttServer server, String what, int port) {
        return server.listen()
                .map(MqttServer::actualPort)
                .onSuccess(p -> LOG.info("{} gateway listening [host: {}, port: {}]", what, gateway.options().host(), p))
                .recover(cause -> Future.failedFuture(ServerError.unavailable("cannot listen for " + what + " on "
                        + gateway.options().host() + ":" + port + ": " + cause.getMessage(), cause)));
    }

    /**
     * Closes the connections of devices whose credentials were revoked or which were disabled, and
     * forgets old authentication failures.
     */
    private void revalidate() {
        gateway.authentication().forgetExpired();
        for (DeviceSession session : gateway.sessions().all()) {
            Optional.ofNullable(session.identity()).ifPresent(identity -> gateway.registry().isStillEnabled(identity)
                    .onSuccess(enabled -> {
                        if (!enabled) {
                            session.revoke();
                        }
                    }));
        }
    }
}
