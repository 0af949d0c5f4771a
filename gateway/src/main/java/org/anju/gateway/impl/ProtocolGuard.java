package org.anju.gateway.impl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.log.LogSafe;

/**
 * Sits in each device connection's Netty pipeline between the MQTT decoder and Vert.x, and keeps
 * what a device does wrong at the protocol level to one INFO line with its address and the reason
 * (a malformed packet, a packet before CONNECT, a second CONNECT), closing the connection. Without
 * it Vert.x logs such a device as an ERROR with a stack trace ("Unhandled exception ... CONNECT not
 * sent yet"), which an operator would have to read and cannot act on.
 * <p>
 * It also holds the packets a device sends after its CONNECT and before its CONNACK (MQTT lets a
 * client send them at once): reading stops while the device is authenticated, the packets already
 * read wait here, and they go on in order once the CONNACK accepted the device; a refused device's
 * packets are dropped unread, as MQTT requires. vertx-mqtt itself would close such a connection.
 * <p>
 * Used on the connection's event loop only.
 */
final class ProtocolGuard extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolGuard.class);
    static final String NAME = "anjuProtocolGuard";

    private enum State { BEFORE_CONNECT, AUTHENTICATING, ACCEPTED, REFUSED }

    // made only for a device that sends before its CONNACK: most never do, and each idle connection has a guard
    private Queue<Object> held;
    private State state = State.BEFORE_CONNECT;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (message.decoderResult().isFailure()) {
            malformed(ctx, message);
            return;
        }
        MqttMessageType type = message.fixedHeader().messageType();
        switch (state) {
            case BEFORE_CONNECT -> {
                if (type != MqttMessageType.CONNECT) {
                    violation(ctx, msg, type + " before CONNECT");
                    return;
                }
                connect(ctx, (MqttConnectMessage) message);
            }
            case AUTHENTICATING -> {
                if (type == MqttMessageType.CONNECT) {
                    violation(ctx, msg, "a second CONNECT");
                } else {
                    if (held == null) {
                        held = new ArrayDeque<>(4);
                    }
                    held.add(msg);
                }
            }
            case ACCEPTED -> {
                if (type == MqttMessageType.CONNECT) {
                    violation(ctx, msg, "a second CONNECT");
                } else {
                    ctx.fireChannelRead(msg);
                }
            }
            case REFUSED -> ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (state == State.AUTHENTICATING && msg instanceof MqttConnAckMessage connack) {
            boolean accepted = connack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED;
            state = accepted ? State.ACCEPTED : State.REFUSED;
            ctx.write(msg, promise);
            // after the session that sent the CONNACK has set itself up: the held packets go on first
            ctx.executor().execute(() -> release(ctx, accepted));
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection error [address: {}]: {}", address(ctx), cause.getMessage());
        } else {
            LOG.info("protocol violation [address: {}]: {}", address(ctx), LogSafe.text(String.valueOf(cause.getMessage())));
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        drop();
        super.channelInactive(ctx);
    }

    private void connect(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        String clientId = connect.payload().clientIdentifier();
        if ((clientId == null || clientId.isEmpty()) && !connect.variableHeader().isCleanSession()) {
            // vertx-mqtt refuses it with the CONNACK MQTT prescribes
            LOG.info("protocol violation [address: {}]: a CONNECT without client id must start a clean session",
                    address(ctx));
        }
        state = State.AUTHENTICATING;
        // nothing more is read until the device is authenticated: what it sent meanwhile waits, bounded by one read
        ctx.channel().config().setAutoRead(false);
        ctx.fireChannelRead(connect);
    }

    private void release(ChannelHandlerContext ctx, boolean accepted) {
        if (!accepted) {
            drop();
            return;
        }
        // reading again before the held packets go on: whatever they cause (pausing for backpressure) holds
        ctx.channel().config().setAutoRead(true);
        boolean replayed = held != null && !held.isEmpty();
        while (held != null && !held.isEmpty() && ctx.channel().isActive()) {
            ctx.fireChannelRead(held.poll());
        }
        drop();
        if (replayed) {
            // as after a read from the socket: Vert.x flushes what the packets caused to be written
            ctx.fireChannelReadComplete();
        }
    }

    private void malformed(ChannelHandlerContext ctx, MqttMessage message) {
        Throwable cause = message.decoderResult().cause();
        if (cause instanceof MqttUnacceptableProtocolVersionException && state == State.BEFORE_CONNECT) {
            // vertx-mqtt answers it with the CONNACK MQTT prescribes
            LOG.info("connection refused [address: {}]: unsupported MQTT protocol version", address(ctx));
            state = State.REFUSED;
            ctx.fireChannelRead(message);
            return;
        }
        violation(ctx, message, "malformed packet: " + cause.getMessage());
    }

    private void violation(ChannelHandlerContext ctx, Object msg, String reason) {
        ReferenceCountUtil.release(msg);
        LOG.info("protocol violation [address: {}]: {}", address(ctx), LogSafe.text(reason));
        state = State.REFUSED;
        drop();
        ctx.close();
    }

    private void drop() {
        if (held == null) {
            return;
        }
        while (!held.isEmpty()) {
            ReferenceCountUtil.release(held.poll());
        }
        held = null;
    }

    private static String address(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(remote);
    }
}
