package org.anju.simulator.incident;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A situation forced on a simulated device on top of its normal behaviour, by a scenario step
 * ({@code fire in building 3 floor 5}) or by hand.
 *
 * @param kind     what happens; see {@link IncidentKind}
 * @param duration how long it lasts before the device returns to normal; {@link Duration#ZERO}
 *                 for a one-off (a single event)
 * @param params   details of the kind, e.g. {@code errorCode=GroundFailure}; never null
 */
public record Incident(IncidentKind kind, Duration duration, Map<String, String> params) {

    public Incident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
