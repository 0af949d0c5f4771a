package org.anju.gateway.impl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Vert.x MQTT servers whose connections each get a {@link ProtocolGuard} in their pipeline
 * from the first byte on.
 * <p>
 * vertx-mqtt 4.5 offers no hook into a connection before its CONNECT: the server builds its Netty
 * pipeline in the connect handler of a {@link NetServer} it creates itself. So the server is given a
 * {@link Vertx} that hands it a wrapped {@link NetServer}, whose connect handler adds the guard right
 * after vertx-mqtt's own handlers. Both wrappers are used only while servers are created, started
 * and stopped, never per packet. Should a future vertx-mqtt create its server otherwise, the guard
 * is simply missing (logged once) and the gateway works as before.
 */
final class GuardedMqttServer {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedMqttServer.class);
    /** Vert.x's own handler at the end of every connection's pipeline. */
    private static final String VERTX_HANDLER = "handler";

    private GuardedMqttServer() {
    }

    /** Creates an MQTT server on {@code vertx} whose connections are guarded. */
    static MqttServer create(Vertx vertx, MqttServerOptions options) {
        if (!(vertx instanceof VertxInternal)) {
            return MqttServer.create(vertx, options);
        }
        InvocationHandler creatingGuardedServers = (proxy, method, args) -> {
            if (method.getName().equals("createNetServer") && args != null && args.length == 1
                    && args[0] instanceof NetServerOptions serverOptions) {
                return guarded(vertx.createNetServer(serverOptions));
            }
            return call(vertx, method, args);
        };
        return MqttServer.create((Vertx) Proxy.newProxyInstance(GuardedMqttServer.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, creatingGuardedServers), options);
    }

    private static NetServer guarded(NetServer server) {
        InvocationHandler guardingConnections = (proxy, method, args) -> {
            if (method.getName().equals("connectHandler") && args != null && args.length == 1) {
                @SuppressWarnings("unchecked")
                Handler<NetSocket> handler = (Handler<NetSocket>) args[0];
                server.connectHandler(handler == null ? null : socket -> {
                    handler.handle(socket);
                    install(socket);
                });
                return proxy;
            }
            Object result = call(server, method, args);
            return result == server ? proxy : result;
        };
        return (NetServer) Proxy.newProxyInstance(GuardedMqttServer.class.getClassLoader(),
                new Class<?>[] {NetServer.class}, guardingConnections);
    }

    private static void install(NetSocket socket) {
        ChannelPipeline pipeline = socket instanceof NetSocketInternal internal
                ? internal.channelHandlerContext().pipeline() : null;
        if (pipeline == null || pipeline.get(VERTX_HANDLER) == null) {
            Missing.once();
            return;
        }
        pipeline.addBefore(VERTX_HANDLER, ProtocolGuard.NAME, new ProtocolGuard());
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Logs once that connections go unguarded. */
    private static final class Missing {
        private static volatile boolean logged;

        static void once() {
            if (!logged) {
                logged = true;
                LOG.warn("MQTT connections cannot be guarded (unexpected Vert.x pipeline): protocol violations "
                        + "of devices are logged by Vert.x");
            }
        }
    }
}
