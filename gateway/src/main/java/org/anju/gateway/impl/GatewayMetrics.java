package org.anju.gateway.impl;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's Prometheus meters, named {@code anju_gateway_*}.
 */
final class GatewayMetrics {

    private final MeterRegistry meters;

    GatewayMetrics(MeterRegistry meters, Supplier<Number> connections) {
        this.meters = meters;
        Gauge.builder("anju.gateway.connections", connections).description("Devices connected now").register(meters);
    }

    void connectionRefused(String reason) {
        Counter.builder("anju.gateway.connections.refused").tag("reason", reason)
                .description("CONNECTs refused, by reason").register(meters).increment();
    }

    void received(String tenant, String endpoint, int qos) {
        Counter.builder("anju.gateway.messages.received")
                .tags("tenant", tenant, "endpoint", endpoint, "qos", Integer.toString(qos))
                .description("PUBLISH packets received from authenticated devices").register(meters).increment();
    }

    void rejected(String tenant, String reason) {
        Counter.builder("anju.gateway.messages.rejected").tags("tenant", tenant, "reason", reason)
                .description("Messages not accepted, by reason").register(meters).increment();
    }

    void acknowledged(String tenant, Duration latency) {
        Timer.builder("anju.gateway.puback.latency").tag("tenant", tenant)
                .description("From PUBLISH received to PUBACK sent")
                .publishPercentileHistogram()
                .register(meters).record(latency);
    }
}
