package org.anju.gateway.impl;

import java.util.Optional;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

import org.anju.error.AnjuException;
import org.anju.error.ClientError;

/**
 * Why the gateway refused a connection or a message, and how each MQTT version is told: the one
 * place where reasons become MQTT codes.
 * <p>
 * MQTT 5 answers a QoS 1 message with a PUBACK reason code where the specification has one, and
 * otherwise (packet too large, rate too high, QoS not supported, QoS 0 messages) with a DISCONNECT
 * reason code. MQTT 3.1.1 has neither: the connection is closed without acknowledgement.
 */
enum Refusal {
    BAD_CREDENTIALS("bad_credentials", null, MqttDisconnectReasonCode.NOT_AUTHORIZED),
    SOURCE_LOCKED("source_locked", null, MqttDisconnectReasonCode.NOT_AUTHORIZED),
    REGISTRY_UNAVAILABLE("registry_unavailable", null, MqttDisconnectReasonCode.SERVER_BUSY),
    CONNECTIONS_EXCEEDED("quota_exceeded", null, MqttDisconnectReasonCode.QUOTA_EXCEEDED),
    TOPIC_INVALID("topic_invalid", MqttPubAckReasonCode.TOPIC_NAME_INVALID, MqttDisconnectReasonCode.TOPIC_NAME_INVALID),
    NOT_AUTHORIZED("not_authorized", MqttPubAckReasonCode.NOT_AUTHORIZED, MqttDisconnectReasonCode.NOT_AUTHORIZED),
    PAYLOAD_TOO_LARGE("payload_too_large", null, MqttDisconnectReasonCode.PACKET_TOO_LARGE),
    RATE_TOO_HIGH("rate_too_high", null, MqttDisconnectReasonCode.MESSAGE_RATE_TOO_HIGH),
    QOS_NOT_SUPPORTED("qos_not_supported", null, MqttDisconnectReasonCode.QOS_NOT_SUPPORTED),
    PAYLOAD_INVALID("payload_invalid", MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID,
            MqttDisconnectReasonCode.PAYLOAD_FORMAT_INVALID),
    DOWNSTREAM_FAILED("downstream_failed", MqttPubAckReasonCode.UNSPECIFIED_ERROR,
            MqttDisconnectReasonCode.UNSPECIFIED_ERROR),
    /** A command response nobody waits for (unknown, expired or answered): MQTT 5's "no matching subscribers". */
    RESPONSE_UNEXPECTED("response_unexpected", MqttPubAckReasonCode.NO_MATCHING_SUBSCRIBERS,
            MqttDisconnectReasonCode.UNSPECIFIED_ERROR),
    RECEIVE_MAXIMUM_EXCEEDED("receive_maximum_exceeded", null, MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED),
    TAKEN_OVER("session_taken_over", null, MqttDisconnectReasonCode.SESSION_TAKEN_OVER),
    REVOKED("revoked", null, MqttDisconnectReasonCode.NOT_AUTHORIZED);

    private final String label;
    private final MqttPubAckReasonCode pubAck;
    private final MqttDisconnectReasonCode disconnect;

    Refusal(String label, MqttPubAckReasonCode pubAck, MqttDisconnectReasonCode disconnect) {
        this.label = label;
        this.pubAck = pubAck;
        this.disconnect = disconnect;
    }

    /** Returns the metric label. */
    String label() {
        return label;
    }

    /** Returns the MQTT 5 PUBACK reason code, when the specification has one for this reason. */
    Optional<MqttPubAckReasonCode> pubAck() {
        return Optional.ofNullable(pubAck);
    }

    MqttDisconnectReasonCode disconnect() {
        return disconnect;
    }

    /** Returns the HTTP status Hono's error topic reports for a message refused for this reason. */
    int httpStatus() {
        return switch (this) {
            case TOPIC_INVALID, QOS_NOT_SUPPORTED, PAYLOAD_INVALID, RESPONSE_UNEXPECTED -> 400;
            case BAD_CREDENTIALS, REVOKED -> 401;
            case NOT_AUTHORIZED -> 403;
            case PAYLOAD_TOO_LARGE -> 413;
            case RATE_TOO_HIGH, RECEIVE_MAXIMUM_EXCEEDED, CONNECTIONS_EXCEEDED, SOURCE_LOCKED -> 429;
            default -> 503;
        };
    }

    /** Returns the CONNACK code for a refused connection. */
    MqttConnectReturnCode connack(boolean mqtt5) {
        return switch (this) {
            case REGISTRY_UNAVAILABLE -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            case CONNECTIONS_EXCEEDED -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            // too many failed authentications from the device's address: MQTT 3.1.1 has no rate code
            case SOURCE_LOCKED -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            default -> mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
        };
    }

    /** Classifies why the downstream did not accept a message. */
    static Refusal ofDownstreamFailure(Throwable failure) {
        if (failure instanceof AnjuException error) {
            return switch (error.code()) {
                case ClientError.BAD_REQUEST -> PAYLOAD_INVALID;
                case ClientError.UNAUTHORIZED, ClientError.FORBIDDEN, ClientError.NOT_FOUND -> NOT_AUTHORIZED;
                case ClientError.PAYLOAD_TOO_LARGE -> PAYLOAD_TOO_LARGE;
                default -> DOWNSTREAM_FAILED;
            };
        }
        return DOWNSTREAM_FAILED;
    }
}
