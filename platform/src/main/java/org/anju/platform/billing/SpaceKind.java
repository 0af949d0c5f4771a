package org.anju.platform.billing;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of parking space (estate's {@code parking_spaces.kind}); rent differs by kind. */
public enum SpaceKind {
    SURFACE("surface"), UNDERGROUND("underground"), MECHANICAL("mechanical");

    private final String wireName;

    SpaceKind(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name in the database and the API. */
    public String wireName() {
        return wireName;
    }

    /** Returns the kind of this wire name, empty when there is none. */
    public static Optional<SpaceKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
