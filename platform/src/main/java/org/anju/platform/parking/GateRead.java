package org.anju.platform.parking;

import java.time.Instant;
import java.util.Objects;

import org.anju.protocol.catalogue.camera.LaneDirection;

/**
 * One licence-plate read at a parking gate, as the pairing sees it: a stored {@code plate_read}
 * event with the car park of its camera.
 *
 * @param eventId    the stored event's id (the evidence a review item points at)
 * @param deviceId   the gate camera
 * @param carPark    the car park the camera's gate belongs to (the community when it has one car park)
 * @param ts         when the vehicle passed
 * @param plate      the plate as read, null when the camera could not read it
 * @param confidence how sure the camera was, 0 to 1
 */
public record GateRead(long eventId, String deviceId, String carPark, Instant ts, String plate,
        LaneDirection direction, String gateId, double confidence) {

    public GateRead {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(carPark, "carPark");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(gateId, "gateId");
    }

    /** Returns whether the camera read a plate at all. */
    public boolean readable() {
        return plate != null;
    }
}
