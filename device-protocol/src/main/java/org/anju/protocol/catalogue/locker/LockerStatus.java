package org.anju.protocol.catalogue.locker;

import java.util.List;

/**
 * A parcel locker's telemetry: every compartment with its size and state.
 */
public record LockerStatus(List<Compartment> compartments) {

    public LockerStatus {
        compartments = List.copyOf(compartments);
    }
}
