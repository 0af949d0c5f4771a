package org.anju.simulator.scenario;

import java.time.Duration;

/**
 * How one expectation of a run ended.
 *
 * @param delay  from the step's start to the reaction, when met
 * @param detail which device reacted, what was seen instead, or why it cannot be checked
 */
public record Outcome(int step, Expectation expectation, Status status, Duration delay, String detail) {

    /** Met in time, missed, or not checkable against this platform. */
    public enum Status { MET, MISSED, NOT_CHECKABLE }

    @Override
    public String toString() {
        return switch (status) {
            case MET -> "MET            " + expectation + ": after " + Durations.format(delay) + " (" + detail + ")";
            case MISSED -> "MISSED         " + expectation + ": " + detail;
            case NOT_CHECKABLE -> "NOT CHECKABLE  " + expectation + ": " + detail;
        };
    }
}
