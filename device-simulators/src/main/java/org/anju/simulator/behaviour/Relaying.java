package org.anju.simulator.behaviour;

import java.time.Instant;
import java.util.Map;

/**
 * A behaviour that passes on what other devices of its building say: a fire panel's UITD reports
 * the alarms of the detectors wired to it as its own signals.
 */
public interface Relaying {

    /**
     * Takes note of an event of another device and emits what this device makes of it.
     *
     * @param sourceId the device that emitted the event
     * @param floor    its floor, or null
     * @param event    the event payload (with its {@code kind})
     */
    void relay(String sourceId, Integer floor, Map<String, Object> event, Instant ts, Emitter out);
}
