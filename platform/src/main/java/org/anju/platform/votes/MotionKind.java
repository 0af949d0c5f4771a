package org.anju.platform.votes;

import java.util.Arrays;
import java.util.Optional;

/**
 * What owners decide together (Civil Code art. 278), and the majority each kind needs.
 */
public enum MotionKind {
    /** Using the maintenance fund (a repair): more than half. */
    FUND_USE("fund_use", Majority.MORE_THAN_HALF),
    /** Raising (topping up) the maintenance fund: three quarters. */
    FUND_RAISING("fund_raising", Majority.THREE_QUARTERS),
    /** Changing the use of common parts or doing business with them (leasing common-area parking spaces): three quarters. */
    COMMON_PARTS_BUSINESS("common_parts_business", Majority.THREE_QUARTERS),
    /** Rebuilding or reconstructing buildings and facilities: three quarters. */
    REBUILDING("rebuilding", Majority.THREE_QUARTERS),
    /** Any other matter of common ownership: more than half. */
    OTHER("other", Majority.MORE_THAN_HALF);

    private final String wireName;
    private final Majority majority;

    MotionKind(String wireName, Majority majority) {
        this.wireName = wireName;
        this.majority = majority;
    }

    public String wireName() {
        return wireName;
    }

    /** Returns the consent this kind of motion needs, of the participating area and of the participating owners. */
    public Majority majority() {
        return majority;
    }

    public static Optional<MotionKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
