package org.anju.simulator.behaviour;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.incident.Incident;

/**
 * What one simulated device does over time: a pure function of simulated time, a seeded random
 * source and the device's own state. The same code serves live running (steps at wall-clock
 * time), accelerated history (steps over past days) and tests (a simulated day in milliseconds).
 * <p>
 * Not thread-safe: its driver calls it from one thread at a time.
 */
public interface Behaviour {

    /** Returns the device type's wire name, e.g. {@code elevator}. */
    String type();

    /** Returns how often the device naturally reports (its default step). */
    Duration period();

    /**
     * Advances the device to {@code now}: everything that happened since the previous step is
     * emitted with its own time, then the current telemetry. The first step only emits telemetry.
     * A step at or before the previous one emits nothing.
     */
    void step(Instant now, Emitter out);

    /**
     * Acts on a command addressed to the device (Hono command API).
     *
     * @return the answer: an HTTP-like status and a JSON payload; 404 for an unknown command name
     */
    CommandResult command(String name, JsonNode payload, Instant now, Emitter out);

    /**
     * Forces a situation on the device at {@code now}.
     *
     * @throws IllegalArgumentException when the kind makes no sense for this device type
     */
    void inject(Incident incident, Instant now, Emitter out);

    /** Returns the time until which the device is silent (an outage), or null. */
    Instant silentUntil();

    /** Returns what must survive a restart: counters, registers, battery, parcels, the last step. */
    JsonNode saveState();

    /** Continues from a state saved by {@link #saveState()} of the same device type. */
    void restoreState(JsonNode state);

    /** Returns the time of the last step, or null before the first. */
    Instant lastStep();
}
