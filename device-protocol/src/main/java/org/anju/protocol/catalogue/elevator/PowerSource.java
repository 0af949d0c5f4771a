package org.anju.protocol.catalogue.elevator;

/** What an elevator runs on, sent as {@code mains} or {@code battery} (emergency supply). */
public enum PowerSource {
    MAINS,
    BATTERY
}
