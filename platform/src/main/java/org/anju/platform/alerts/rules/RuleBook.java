package org.anju.platform.alerts.rules;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.ingest.CommittedMessage;
import org.anju.platform.presence.PresenceChange;
import org.anju.protocol.DeviceType;

/**
 * Every alert rule, by device type: turns committed messages and presence changes into signals.
 * Fire facilities (smoke detectors, fire panels) make fire data: the fire brigade sees their alerts.
 */
public final class RuleBook {

    private final Map<DeviceType, TypeRules> rules = new EnumMap<>(DeviceType.class);

    /** Creates the rules of every device type; one instance keeps the state of timed rules (a standing elevator). */
    public RuleBook() {
        rules.put(DeviceType.SMOKE_DETECTOR, new SmokeDetectorRules());
        rules.put(DeviceType.FIRE_PANEL, new FirePanelRules());
        rules.put(DeviceType.ELEVATOR, new ElevatorRules());
        rules.put(DeviceType.CAMERA, new CameraRules());
        rules.put(DeviceType.EV_CHARGER, new ChargerRules());
        rules.put(DeviceType.PARCEL_LOCKER, new LockerRules());
    }

    /** Returns whether a device type's alerts are fire data. */
    static boolean isFireFacility(String deviceType) {
        return DeviceType.isFireFacility(deviceType);
    }

    /** Returns the signals of one committed message (none for connection notices), always in the same order. */
    public List<Signal> evaluate(CommittedMessage message, RuleSettings settings) {
        if (message.type() == null) {
            return List.of();
        }
        RuleInput input = new RuleInput(message, settings, isFireFacility(message.type().wireName()));
        rules.get(message.type()).evaluate(input);
        return input.signals();
    }

    /** Returns the signal of a presence change: offline opens {@code device_offline}, online clears it. */
    public static Signal offline(PresenceChange change) {
        boolean fire = isFireFacility(change.deviceType());
        if (!change.online()) {
            Severity severity = fire || DeviceType.ELEVATOR.wireName().equals(change.deviceType()) ? Severity.MAJOR
                    : Severity.MINOR;
            return new Signal(Signal.Action.HOLD, change.deviceId(), "device_offline", severity, fire, change.at(),
                    RuleInput.detail().put("reason", change.reason()));
        }
        return new Signal(Signal.Action.CLEAR, change.deviceId(), "device_offline", null, fire, change.at(),
                RuleInput.detail().put("reason", change.reason()));
    }
}
