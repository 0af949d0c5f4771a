package org.anju.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * What a simulated device measures: produces its next telemetry reading.
 */
public interface TelemetryModel {

    /** Returns the next reading's metrics at the given time; counters never go down. */
    Map<String, Object> next(Instant now);

    /** Returns the model for a device type's wire name. */
    static TelemetryModel forType(String type, long seed) {
        return TelemetryModels.forType(type, seed);
    }
}
