package org.anju.simulator.scenario;

import java.time.Duration;

/**
 * A platform reaction a scenario step expects, measured from the moment the step started.
 */
public sealed interface Expectation {

    /** How long after the step the reaction may come. */
    Duration within();

    /** Where it is written. */
    int line();

    /**
     * A stored device event of this kind from one of the devices.
     *
     * @param from the devices; the step's target when the file names none
     */
    record Event(String kind, TargetSelector from, Duration within, int line) implements Expectation {
        @Override
        public String toString() {
            return "device event " + kind + " from " + from + " within " + Durations.format(within);
        }
    }

    /** Every one of the devices shown offline ({@code online: false}) by the platform. */
    record Offline(TargetSelector target, Duration within, int line) implements Expectation {
        @Override
        public String toString() {
            return "device offline " + target + " within " + Durations.format(within);
        }
    }

    /** Every one of the devices shown online again. */
    record Online(TargetSelector target, Duration within, int line) implements Expectation {
        @Override
        public String toString() {
            return "device online " + target + " within " + Durations.format(within);
        }
    }

    /**
     * An alert of this type (and severity, when given) opened for one of the devices.
     *
     * @param severity null for any
     */
    record Alert(String type, String severity, TargetSelector from, Duration within, int line) implements Expectation {
        @Override
        public String toString() {
            return "alert " + type + (severity == null ? "" : " " + severity) + " from " + from + " within "
                    + Durations.format(within);
        }
    }

    /**
     * A maintenance forecast of this subject ({@code door_faults}, {@code battery_depletion}, …)
     * raised for one of the devices.
     */
    record Forecast(String subject, TargetSelector from, Duration within, int line) implements Expectation {
        @Override
        public String toString() {
            return "maintenance forecast " + subject + " for " + from + " within " + Durations.format(within);
        }
    }

    /** A work order from this source ({@code forecast}, {@code plan}, {@code counter}, {@code alert}) opened for one of the devices. */
    record WorkOrder(String source, TargetSelector from, Duration within, int line) implements Expectation {
        @Override
        public String toString() {
            return "work order from " + source + " for " + from + " within " + Durations.format(within);
        }
    }
}
