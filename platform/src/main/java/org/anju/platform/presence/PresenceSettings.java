package org.anju.platform.presence;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.anju.protocol.DeviceType;

/**
 * The heartbeat expectation of every device type and how often overdue devices are looked for.
 * <p>
 * The defaults follow the standards where they say something: GB/T 28181 cameras keep alive every
 * 60 s and are offline after 3 missed keepalives; standalone smoke alarms heartbeat every 12–24 h
 * and are offline after 2 missed heartbeats; a UITD (GB 26875) is polled at least every 2 h. The
 * others are operating practice (see docs/device-api.md, "Presence").
 *
 * @param checkInterval how often the presence job looks for overdue devices
 * @param expectations  one per device type, all present
 */
public record PresenceSettings(Duration checkInterval, Map<DeviceType, Expectation> expectations) {

    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(5);

    public PresenceSettings {
        Objects.requireNonNull(checkInterval, "checkInterval");
        if (checkInterval.isZero() || checkInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval must be positive, got " + checkInterval);
        }
        EnumMap<DeviceType, Expectation> all = new EnumMap<>(DeviceType.class);
        all.putAll(expectations);
        for (DeviceType type : DeviceType.values()) {
            if (!all.containsKey(type)) {
                throw new IllegalArgumentException("no presence expectation for device type " + type.wireName());
            }
        }
        expectations = Map.copyOf(all);
    }

    /** Returns the defaults of {@code anju-defaults.yaml}. */
    public static PresenceSettings defaults() {
        return new PresenceSettings(DEFAULT_CHECK_INTERVAL, Map.of(
                DeviceType.CAMERA, new Expectation(Duration.ofSeconds(60), 3, true),
                DeviceType.SMOKE_DETECTOR, new Expectation(Duration.ofHours(24), 2, false),
                DeviceType.FIRE_PANEL, new Expectation(Duration.ofHours(2), 2, true),
                DeviceType.ELEVATOR, new Expectation(Duration.ofSeconds(60), 3, true),
                DeviceType.PARCEL_LOCKER, new Expectation(Duration.ofMinutes(5), 3, true),
                DeviceType.EV_CHARGER, new Expectation(Duration.ofMinutes(5), 3, true)));
    }

    /** Returns the expectation of a device type. */
    public Expectation of(DeviceType type) {
        return expectations.get(type);
    }
}
