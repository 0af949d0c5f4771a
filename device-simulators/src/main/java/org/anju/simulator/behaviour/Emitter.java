package org.anju.simulator.behaviour;

import java.time.Instant;
import java.util.Map;

/**
 * Where a behaviour puts what its device says. The payload does not carry {@code ts}: the emitter
 * adds the given time, so that history can be back-dated.
 */
public interface Emitter {

    /** A telemetry payload measured at {@code ts}. */
    void telemetry(Instant ts, Map<String, Object> payload);

    /** An event payload (with its {@code kind}) that happened at {@code ts}. */
    void event(Instant ts, Map<String, Object> payload);
}
