package org.anju.simulator.incident;

/**
 * Something incidents can be forced on: a running simulated device (or a simulator that finds
 * the device by id).
 */
@FunctionalInterface
public interface IncidentTarget {

    /**
     * Starts the incident on the device at once.
     *
     * @throws IllegalArgumentException when the device is unknown or the kind makes no sense for its type
     */
    void inject(String deviceId, Incident incident);
}
