package org.anju.platform.alerts.rules;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a rule concluded from one message: a condition of a device began, still holds, or ended.
 *
 * @param action   what to do with the device's alert of this type
 * @param type     the alert type ({@code fire_alarm}, {@code elevator_fault.04}); for {@link Action#CLEAR}
 *                 also every type below it ({@code elevator_fault} clears {@code elevator_fault.04})
 * @param severity for raises
 * @param fire     whether the fire brigade may see the alert
 * @param at       when it happened (the device's time)
 * @param detail   facts for the record (code, reading, the panel's location text)
 */
public record Signal(Action action, String deviceId, String type, Severity severity, boolean fire, Instant at,
        ObjectNode detail) {

    /** What a signal does to the device's alert of its type. */
    public enum Action {
        /** A new occurrence (an event): opens the alert, or counts one more on the open one. */
        RAISE,
        /** The condition is still present (a level in telemetry): opens the alert if none is open, else only refreshes it. */
        HOLD,
        /** The condition ended: resolves the alert (fire alarms: records the clear, the workflow resolves). */
        CLEAR
    }

    /** Checks that every signal names its device, type, time and detail, and that raises and holds have a severity. */
    public Signal {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        if (action != Action.CLEAR) {
            Objects.requireNonNull(severity, "severity");
        }
    }
}
