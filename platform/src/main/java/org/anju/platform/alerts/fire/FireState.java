package org.anju.platform.alerts.fire;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a fire alarm's verification (人工确认, GB 50440 / GB 25201): only a fire a person
 * confirmed is forwarded to 119, and a case closes only after a verdict.
 */
public enum FireState {
    RECEIVED, ACKNOWLEDGED, VERIFYING, CONFIRMED_FIRE, FORWARDED_119, FALSE_ALARM, TEST, CLOSED;

    static {
        RECEIVED.next = EnumSet.of(ACKNOWLEDGED);
        ACKNOWLEDGED.next = EnumSet.of(VERIFYING, FALSE_ALARM, TEST);
        VERIFYING.next = EnumSet.of(CONFIRMED_FIRE, FALSE_ALARM, TEST);
        CONFIRMED_FIRE.next = EnumSet.of(FORWARDED_119);
        FORWARDED_119.next = EnumSet.of(CLOSED);
        FALSE_ALARM.next = EnumSet.of(CLOSED);
        TEST.next = EnumSet.of(CLOSED);
        CLOSED.next = EnumSet.noneOf(FireState.class);
    }

    private Set<FireState> next;

    /** Returns the states a case may move to from this one. */
    public Set<FireState> next() {
        return next;
    }

    /**
     * Returns the states a person may ask for from this one, in workflow order: {@link #next()}
     * without forwarded_119, which the platform sets itself as soon as a fire is confirmed.
     */
    public List<FireState> requestable() {
        return next.stream().filter(s -> s != FORWARDED_119).sorted().toList();
    }

    /** Returns whether a case in this state still waits for its verdict. */
    public boolean awaitsVerdict() {
        return this == RECEIVED || this == ACKNOWLEDGED || this == VERIFYING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FireState> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}
