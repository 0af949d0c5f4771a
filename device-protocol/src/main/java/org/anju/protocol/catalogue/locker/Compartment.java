package org.anju.protocol.catalogue.locker;

/**
 * One compartment of a parcel locker as the locker reports it.
 *
 * @param id the compartment's label on the locker, e.g. {@code A07}
 */
public record Compartment(String id, CompartmentSize size, CompartmentState state) {
}
