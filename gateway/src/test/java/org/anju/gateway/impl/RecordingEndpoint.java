package org.anju.gateway.impl;

import java.lang.reflect.Proxy;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

/**
 * The device's side of PUBACKs: a vertx-mqtt {@link MqttEndpoint} that records each PUBACK sent,
 * as {@code "puback 7"} or {@code "puback 7 PAYLOAD_FORMAT_INVALID <reason string>"}, and whether
 * it was sent on the connection's context. Any other use of the endpoint fails the test.
 */
final class RecordingEndpoint {

    final BlockingQueue<String> pubacks = new LinkedBlockingQueue<>();
    final BlockingQueue<String> offContext = new LinkedBlockingQueue<>();
    final MqttEndpoint endpoint;

    RecordingEndpoint(Context context) {
        endpoint = (MqttEndpoint) Proxy.newProxyInstance(MqttEndpoint.class.getClassLoader(),
                new Class<?>[] {MqttEndpoint.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("publishAcknowledge")) {
                        throw new UnsupportedOperationException("OrderedAcks called " + method);
                    }
                    String puback = "puback " + args[0];
                    if (args.length == 3) {
                        MqttProperties.MqttProperty<?> reason = ((MqttProperties) args[2])
                                .getProperty(MqttProperties.MqttPropertyType.REASON_STRING.value());
                        puback += " " + ((MqttPubAckReasonCode) args[1]).name() + " " + reason.value();
                    }
                    if (Vertx.currentContext() != context) {
                        offContext.add(puback);
                    }
                    pubacks.add(puback);
                    return proxy;
                });
    }

    /** Returns the next PUBACK, waiting for it (a bound on a PUBACK that never comes, not a speed). */
    String next() throws InterruptedException {
        String puback = pubacks.poll(30, TimeUnit.SECONDS);
        if (puback == null) {
            throw new AssertionError("no PUBACK sent");
        }
        return puback;
    }
}
