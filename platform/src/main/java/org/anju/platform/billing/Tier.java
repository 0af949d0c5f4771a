package org.anju.platform.billing;

import java.util.Arrays;
import java.util.Optional;

/** The four time-of-use tiers of Chinese electricity tariffs. */
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

    /** Returns the name in the database and the API. */
    public String wireName() {
        return wireName;
    }

    /** Returns the tier of this wire name, empty when there is none. */
    public static Optional<Tier> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
