package org.anju.platform.maintenance.plans;

import java.util.Arrays;
import java.util.Optional;

import org.anju.protocol.DeviceType;

/** What kind of asset a device is for maintenance: one per device type, named as the type is. */
public enum AssetKind {
    ELEVATOR(DeviceType.ELEVATOR),
    SMOKE_DETECTOR(DeviceType.SMOKE_DETECTOR),
    /** A building fire panel behind its user information transmission device (UITD, GB 26875). */
    FIRE_PANEL(DeviceType.FIRE_PANEL),
    EV_CHARGER(DeviceType.EV_CHARGER),
    PARCEL_LOCKER(DeviceType.PARCEL_LOCKER),
    CAMERA(DeviceType.CAMERA);

    private final DeviceType type;

    AssetKind(DeviceType type) {
        this.type = type;
    }

    /** Returns the name in the database and the API (the device type's name). */
    public String wireName() {
        return type.wireName();
    }

    /** Returns the kind of a device of type {@code typeName}, empty for a type that is not maintained. */
    public static Optional<AssetKind> ofDeviceType(String typeName) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(typeName)).findFirst();
    }
}
