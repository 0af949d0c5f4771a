package org.anju.platform.alerts.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How urgent an alert is, most urgent first (ITU-T X.733 levels, as most alarm consoles use them).
 */
public enum Severity {
    CRITICAL, MAJOR, MINOR, WARNING, INFO;

    /** Returns the lower-case name used in the API and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the severity of a lower-case name, or empty for an unknown name. */
    public static Optional<Severity> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}
