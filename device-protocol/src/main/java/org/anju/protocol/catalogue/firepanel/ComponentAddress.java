package org.anju.protocol.catalogue.firepanel;

/**
 * Where a component sits on its fire panel: the detection loop (回路) and the point (点位) on it.
 */
public record ComponentAddress(int loop, int point) {
}
