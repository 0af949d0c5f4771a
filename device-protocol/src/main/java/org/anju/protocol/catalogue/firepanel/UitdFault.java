package org.anju.protocol.catalogue.firepanel;

/**
 * A fault of the UITD itself that began or ended.
 *
 * @param restored whether it ended (kind {@code uitd_fault_restored})
 * @param detail   the device's description, null when not sent
 */
public record UitdFault(UitdFaultType fault, boolean restored, String detail) {
}
