package org.anju.platform.votes;

/** How a closed motion ended. */
public enum Outcome {
    /** Quorum met and the required majority of area and of owners consented. */
    APPROVED("approved"),
    /** Quorum met, consent short of the majority in area or in owners. */
    REJECTED("rejected"),
    /** Fewer than 2/3 of the area or of the owners took part. */
    NO_QUORUM("no_quorum");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Outcome fromWireName(String name) {
        for (Outcome o : values()) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome: " + name);
    }
}
