package org.anju.protocol.catalogue.locker;

/** The size class of a locker compartment, sent as {@code S}, {@code M}, {@code L} or {@code XL}. */
public enum CompartmentSize {
    S,
    M,
    L,
    XL
}
