package org.anju.platform.alerts.fire;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a fire alarm was false (GB 25201 asks the control room to record it).
 */
public enum FalseAlarmCause {
    COOKING_FUMES, SMOKING, DUST, STEAM, INSECTS, DEVICE_FAULT, MAINTENANCE_WORK, MALICIOUS, OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FalseAlarmCause> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
    }

    /** Returns the wire names, comma-separated, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(FalseAlarmCause::wireName).toList());
    }
}
