package org.anju.platform.history;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How finely a history is sampled: the raw data points, or hourly or daily rollups.
 */
public enum Resolution {
    RAW("raw"),
    HOUR("hour"),
    DAY("day");

    private final String wireName;

    Resolution(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Returns the resolution of a wire name ({@code raw}, {@code hour}, {@code day}). */
    public static Optional<Resolution> fromWireName(String name) {
        for (Resolution r : values()) {
            if (r.wireName.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
