package org.anju.simulator.scenario;

import java.util.List;

/**
 * A scenario: incidents on a timeline and the platform reactions each should cause. Read with
 * {@link ScenarioParser}; the format is in docs/scenarios.md.
 */
public record Scenario(String name, String description, List<Step> steps) {

    public Scenario {
        steps = List.copyOf(steps);
    }

    /** Returns how many expectations its steps list. */
    public int expectationCount() {
        return steps.stream().mapToInt(s -> s.expect().size()).sum();
    }
}
