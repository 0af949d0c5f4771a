package org.anju.gateway.impl;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's Prometheus meters ({@code anju_gateway_*}), per tenant. Each session holds its
 * tenant's {@link TenantMeters}, so the hot path never looks a meter up.
 */
final class GatewayMetrics {

    private final MeterRegistry meters;
    private final Map<String, TenantMeters> tenants = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    TenantMeters tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, TenantMeters::new);
    }

    void connectionRefused(Refusal reason) {
        Counter.builder("anju.gateway.connections.refused").tag("reason", reason.label())
                .description("CONNECTs refused, by reason").register(meters).increment();
    }

    /** Meters of one tenant. */
    final class TenantMeters {
        private final String tenant;
        private final AtomicInteger connections = new AtomicInteger();
        private final Counter[] received = new Counter[4];
        private final Map<Refusal, Counter> rejected = new EnumMap<>(Refusal.class);
        private final Timer pubackLatency;
        private final Counter downstreamFailures;
        private final Counter commands;

        private TenantMeters(String tenant) {
            this.tenant = tenant;
            Gauge.builder("anju.gateway.connections", connections, AtomicInteger::get).tag("tenant", tenant)
                    .description("Devices connected now").register(meters);
            String[] endpoints = {"telemetry", "event"};
            for (int e = 0; e < 2; e++) {
                for (int qos = 0; qos < 2; qos++) {
                    received[e * 2 + qos] = Counter.builder("anju.gateway.messages.received")
                            .tags("tenant", tenant, "endpoint", endpoints[e], "qos", Integer.toString(qos))
                            .description("PUBLISH packets received from authenticated devices").register(meters);
                }
            }
            pubackLatency = Timer.builder("anju.gateway.puback.latency").tag("tenant", tenant)
                    .description("From PUBLISH received to PUBACK sent").publishPercentileHistogram().register(meters);
            downstreamFailures = Counter.builder("anju.gateway.downstream.failures").tag("tenant", tenant)
                    .description("Messages the downstream failed to store").register(meters);
            commands = Counter.builder("anju.gateway.commands.sent").tag("tenant", tenant)
                    .description("Commands delivered to devices").register(meters);
        }

        void connected() {
            connections.incrementAndGet();
        }

        void disconnected() {
            connections.decrementAndGet();
        }

        void received(boolean event, int qos) {
            received[(event ? 2 : 0) + Math.min(qos, 1)].increment();
        }

        synchronized void rejected(Refusal reason) {
            rejected.computeIfAbsent(reason, r -> Counter.builder("anju.gateway.messages.rejected")
                    .tags("tenant", tenant, "reason", r.label())
                    .description("Messages not accepted, by reason").register(meters)).increment();
            if (reason == Refusal.DOWNSTREAM_FAILED) {
                downstreamFailures.increment();
            }
        }

        void acknowledged(Duration latency) {
            pubackLatency.record(latency);
        }

        void commandSent() {
            commands.increment();
        }
    }
}
