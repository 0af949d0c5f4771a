package org.anju.gateway.impl;

import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

import org.anju.error.AnjuException;
import org.anju.error.ClientError;

/**
 * Maps Anju's error codes to MQTT reason codes: the one place where that translation happens.
 */
final class MqttErrors {

    private MqttErrors() {
    }

    /** Returns the MQTT 5 PUBACK reason code for why a message was not accepted. */
    static MqttPubAckReasonCode pubAckReason(Throwable failure) {
        if (!(failure instanceof AnjuException error)) {
            return MqttPubAckReasonCode.UNSPECIFIED_ERROR;
        }
        return switch (error.code()) {
            case ClientError.BAD_REQUEST, ClientError.PAYLOAD_TOO_LARGE -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
            case ClientError.UNAUTHORIZED, ClientError.FORBIDDEN -> MqttPubAckReasonCode.NOT_AUTHORIZED;
            case ClientError.TOO_MANY_REQUESTS -> MqttPubAckReasonCode.QUOTA_EXCEEDED;
            default -> error.code() < 500
                    ? MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR
                    : MqttPubAckReasonCode.UNSPECIFIED_ERROR;
        };
    }

    /** Returns a short metric label for why a message was not accepted. */
    static String rejectionLabel(Throwable failure) {
        if (!(failure instanceof AnjuException error)) {
            return "internal";
        }
        return switch (error.code()) {
            case ClientError.BAD_REQUEST -> "payload_invalid";
            case ClientError.PAYLOAD_TOO_LARGE -> "payload_too_large";
            case ClientError.UNAUTHORIZED, ClientError.FORBIDDEN -> "not_authorized";
            case ClientError.TOO_MANY_REQUESTS -> "rate_exceeded";
            default -> error.code() < 500 ? "client_error" : "downstream_failed";
        };
    }
}
