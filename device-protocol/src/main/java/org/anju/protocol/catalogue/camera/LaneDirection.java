package org.anju.protocol.catalogue.camera;

/** Whether a vehicle passed a parking gate inwards or outwards, sent as {@code in} or {@code out}. */
public enum LaneDirection {
    IN,
    OUT
}
