package org.anju.platform.votes;

import java.util.Arrays;
import java.util.Optional;

/**
 * A household's ballot. An abstention takes part (it counts towards the quorum and towards the
 * participating area and owners) but does not consent: it weighs like a "no" in the majority.
 */
public enum Choice {
    YES("yes"),
    NO("no"),
    ABSTAIN("abstain");

    private final String wireName;

    Choice(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Choice> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}
