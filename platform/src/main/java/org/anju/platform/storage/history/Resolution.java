package org.anju.platform.storage.history;

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
}
