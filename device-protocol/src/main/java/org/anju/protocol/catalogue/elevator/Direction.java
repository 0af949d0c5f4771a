package org.anju.protocol.catalogue.elevator;

/** The running direction of an elevator car, sent as {@code up}, {@code down} or {@code none} (no direction). */
public enum Direction {
    UP,
    DOWN,
    NONE
}
