package org.anju.platform.billing;

import java.util.Arrays;
import java.util.Optional;

/** The term of a rental contract: how long one period is, and what one period's rent covers. */
public enum Term {
    MONTHLY("monthly", 1), QUARTERLY("quarterly", 3), YEARLY("yearly", 12);

    private final String wireName;
    private final int months;

    Term(String wireName, int months) {
        this.wireName = wireName;
        this.months = months;
    }

    /** Returns the name in the database and the API. */
    public String wireName() {
        return wireName;
    }

    /** Returns the months of one period. */
    public int months() {
        return months;
    }

    /** Returns the term of this wire name, empty when there is none. */
    public static Optional<Term> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
