package org.anju.platform.estate;

import java.util.Arrays;
import java.util.Optional;

/** How a resident belongs to a household. */
public enum Relation {
    /** An owner (业主): votes, pays into the maintenance fund, has first claim on spaces. */
    OWNER("owner"),
    /** A tenant (租户): lives there, pays what the lease says. */
    TENANT("tenant");

    private final String wireName;

    Relation(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name used in the database and the API. */
    public String wireName() {
        return wireName;
    }

    /** Returns the relation of a wire name, empty for an unknown one. */
    public static Optional<Relation> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
