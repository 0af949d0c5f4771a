package org.anju.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * One measured value of one metric of one device at one time: a row of the narrow time series.
 */
public record DataPoint(Instant ts, String deviceId, String metric, double value) {

    public DataPoint {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(metric, "metric");
    }
}
