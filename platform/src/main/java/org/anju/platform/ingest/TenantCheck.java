package org.anju.platform.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.log.LogSafe;
import org.anju.protocol.DeviceMessage;

/**
 * The registry's word on a Kafka record: it is stored only when its device exists and belongs to
 * the tenant whose topic carried it ({@code hono.telemetry.<tenant>}). Anyone who may produce to
 * Kafka could otherwise write any tenant's devices by naming them in {@code device_id}. A record
 * that fails the check is dropped (its offset is committed: redelivering cannot help), counted
 * ({@code anju_kafka_records_total{outcome="wrong_tenant"|"unknown_device"}}) and logged once per
 * tenant and device, so that a misconfigured producer is a few lines, not a line per record.
 */
final class TenantCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TenantCheck.class);
    /** Bounds the memory of what was logged: beyond it, the counters still count, the log stays quiet. */
    private static final int MAX_LOGGED = 10_000;

    private final DeviceTenants tenants;
    private final Counter wrongTenant;
    private final Counter unknownDevice;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    TenantCheck(DeviceTenants tenants, MeterRegistry meters) {
        this.tenants = tenants;
        this.wrongTenant = KafkaIngest.records(meters, "wrong_tenant",
                "Kafka records dropped because their device belongs to another tenant than their topic");
        this.unknownDevice = KafkaIngest.records(meters, "unknown_device",
                "Kafka records dropped because their device is not in the registry");
    }

    /**
     * @return whether the message may be stored; fails with a {@link org.anju.error.ServerError}
     *         when the registry could not be asked (the record is offered again later)
     */
    Future<Boolean> admits(DeviceMessage message) {
        return tenants.tenantOf(message.deviceId()).map(owner -> {
            if (owner.isEmpty()) {
                unknownDevice.increment();
                logOnce(message, "the device is not in the registry");
                return false;
            }
            if (!owner.get().equals(message.tenantId())) {
                wrongTenant.increment();
                logOnce(message, "the device belongs to another tenant");
                return false;
            }
            return true;
        });
    }

    private void logOnce(DeviceMessage message, String why) {
        if (logged.size() < MAX_LOGGED && logged.add(message.tenantId() + '/' + message.deviceId())) {
            // the device id is the producer's text: logged safely, and once
            LOG.warn("Kafka records dropped [topic tenant: {}, device: {}]: {} (logged once per device)",
                    LogSafe.text(message.tenantId()), LogSafe.text(message.deviceId()), why);
        }
    }
}
