package org.anju.simulator.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.anju.simulator.incident.Incident;
import org.anju.simulator.incident.IncidentKind;

/**
 * One incident of a scenario's timeline.
 *
 * @param at       when it starts, from the scenario's start
 * @param duration how long it lasts; zero for a one-off
 * @param spread   how it spreads to neighbouring floors, or null
 * @param expect   the platform reactions it should cause
 */
public record Step(Duration at, IncidentKind kind, TargetSelector target, Duration duration, Map<String, String> params,
        Spread spread, List<Expectation> expect, int line) {

    public Step {
        params = Map.copyOf(params);
        expect = List.copyOf(expect);
    }

    /** Returns the incident each target device gets. */
    public Incident incident() {
        return new Incident(kind, duration, params);
    }

    @Override
    public String toString() {
        return "+" + Durations.format(at) + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + target
                + (spread == null ? "" : ", " + spread);
    }

    /**
     * Spreading to neighbouring floors: ring {@code n} (the floors {@code n} above and below) gets
     * the incident {@code n × every} after the step.
     */
    public record Spread(Duration every, int floors) {
        @Override
        public String toString() {
            return "spreading " + floors + " floor" + (floors == 1 ? "" : "s") + " up and down every "
                    + Durations.format(every);
        }
    }
}
