package org.anju.protocol.catalogue.camera;

/**
 * A licence-plate read at a parking gate. A vehicle the camera saw but could not read is a read
 * with a null plate and confidence 0, so entries and exits can still be paired or flagged.
 *
 * @param plate      the plate as read (e.g. {@code 京A12345}, new-energy {@code 粤BD12345}), or null when unreadable
 * @param gateId     the gate (lane) the camera watches
 * @param confidence how sure the camera is of the read, 0 to 1
 * @param plateColor the plate colour, null when not sent
 */
public record PlateRead(String plate, LaneDirection direction, String gateId, double confidence, PlateColor plateColor) {

    /** Returns whether the plate was read. */
    public boolean readable() {
        return plate != null;
    }
}
