package org.anju.gateway.kafka;

import java.util.Objects;

import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

import org.eclipse.hono.client.kafka.HonoTopic;
import org.eclipse.hono.client.kafka.KafkaRecordHelper;
import org.eclipse.hono.util.CommandConstants;
import org.eclipse.hono.util.MessageHelper;

import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;

/**
 * Eclipse Hono's northbound Kafka record format, built with Hono's own helpers so that the
 * header names and encodings are Hono's: topic {@code hono.telemetry.<tenant>} or
 * {@code hono.event.<tenant>}, key = device id (one device stays ordered in one partition),
 * value = the payload as the device sent it, headers {@code device_id} (text),
 * {@code content-type} (text), {@code creation-time} (epoch milliseconds, JSON number) and
 * {@code qos} (0 or 1, JSON number), and {@code ttd} (seconds, JSON number) where the device set
 * {@code hono-ttd} in its topic's property bag, as Hono's {@code KafkaBasedTelemetrySender} and
 * {@code KafkaBasedEventSender} write them.
 */
public final class HonoRecords {

    private HonoRecords() {
    }

    /** Returns the Kafka topic of a tenant's telemetry or events, e.g. {@code hono.telemetry.t1}. */
    public static String topic(Endpoint endpoint, String tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return switch (endpoint) {
            case TELEMETRY -> new HonoTopic(HonoTopic.Type.TELEMETRY, tenantId).toString();
            case EVENT -> new HonoTopic(HonoTopic.Type.EVENT, tenantId).toString();
            case COMMAND -> throw new IllegalArgumentException("commands are not forwarded northbound as telemetry");
        };
    }

    /**
     * Returns the record Hono's MQTT adapter would produce for this message.
     *
     * @throws IllegalArgumentException for a command message (programmer error)
     */
    public static KafkaProducerRecord<String, Buffer> toRecord(DeviceMessage message) {
        KafkaProducerRecord<String, Buffer> record = KafkaProducerRecord.create(
                topic(message.endpoint(), message.tenantId()), message.deviceId(), Buffer.buffer(message.payload()));
        record.addHeader(KafkaRecordHelper.createDeviceIdHeader(message.deviceId()));
        record.addHeader(KafkaRecordHelper.createKafkaHeader(MessageHelper.SYS_PROPERTY_CONTENT_TYPE, message.contentType()));
        record.addHeader(KafkaRecordHelper.createKafkaHeader(MessageHelper.SYS_PROPERTY_CREATION_TIME,
                message.receivedAt().toEpochMilli()));
        record.addHeader(KafkaRecordHelper.createKafkaHeader(MessageHelper.APP_PROPERTY_QOS, message.qos()));
        message.ttd().ifPresent(ttd -> record.addHeader(
                KafkaRecordHelper.createKafkaHeader(CommandConstants.MSG_PROPERTY_DEVICE_TTD, ttd)));
        return record;
    }
}
