package org.anju.platform.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an alert is in its lifecycle: open → acknowledged → resolved (or open → resolved).
 */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}
