package org.anju.platform.charging;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The four time-of-use tiers of an EV tariff; stored and sent by wire name. */
public enum Tier {
    /** 尖 */
    SHARP("sharp"),
    /** 峰 */
    PEAK("peak"),
    /** 平 */
    FLAT("flat"),
    /** 谷 */
    VALLEY("valley");

    private final String wireName;

    Tier(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the stored and API name; Jackson writes and reads a tier by it. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Returns the tier of a wire name, empty for an unknown one. */
    public static Optional<Tier> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
