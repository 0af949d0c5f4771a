package org.anju.platform.presence;

import java.time.Duration;
import java.util.Objects;

/**
 * What the platform expects of a device type: a sign of life every {@code interval}; the device
 * is offline once {@code missed} of them in a row did not come.
 *
 * @param interval            the heartbeat (keepalive) interval; a device's own
 *                            {@code devices.heartbeat_interval_seconds} replaces it
 * @param missed              how many heartbeats in a row may be missed before the device is offline
 * @param offlineOnDisconnect whether the MQTT connection ending makes the device offline at once
 *                            (false for devices that connect only to report, such as NB-IoT detectors)
 */
public record Expectation(Duration interval, int missed, boolean offlineOnDisconnect) {

    /** The shortest interval accepted. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public Expectation {
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL + ", got " + interval);
        }
        if (missed < 1) {
            throw new IllegalArgumentException("missed must be at least 1, got " + missed);
        }
    }

    /** Returns how long a device of this expectation may stay silent: {@code interval × missed}. */
    public Duration silenceAllowed() {
        return interval.multipliedBy(missed);
    }
}
