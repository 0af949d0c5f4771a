package org.anju.simulator.scenario;

import java.util.Comparator;
import java.util.List;

/**
 * What a scenario run did and which expectations were met (with their delays), missed, or not
 * checkable.
 */
public record ScenarioReport(Timeline timeline, List<ScenarioRunner.Injected> injected, List<Outcome> outcomes) {

    public ScenarioReport {
        injected = List.copyOf(injected);
        outcomes = outcomes.stream().sorted(Comparator.comparingInt(Outcome::step)
                .thenComparingInt(o -> o.expectation().line())).toList();
    }

    public long count(Outcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Returns whether no expectation was missed. */
    public boolean passed() {
        return count(Outcome.Status.MISSED) == 0;
    }

    /** Writes the report for people: a summary line, then each step with its injections and outcomes. */
    public String text() {
        Scenario scenario = timeline.scenario();
        StringBuilder out = new StringBuilder();
        out.append("scenario ").append(scenario.name()).append(": ").append(count(Outcome.Status.MET)).append(" met, ")
                .append(count(Outcome.Status.MISSED)).append(" missed, ").append(count(Outcome.Status.NOT_CHECKABLE))
                .append(" not checkable, of ").append(outcomes.size()).append(" expectations\n");
        for (int i = 0; i < scenario.steps().size(); i++) {
            int step = i;
            List<ScenarioRunner.Injected> mine = injected.stream().filter(j -> j.injection().step() == step).toList();
            long refused = mine.stream().filter(j -> j.error() != null).count();
            out.append("  step ").append(i + 1).append(" (").append(scenario.steps().get(i)).append("): ")
                    .append(mine.size()).append(" device(s)").append(refused == 0 ? "" : ", " + refused + " refused: "
                            + mine.stream().filter(j -> j.error() != null).findFirst().orElseThrow().error())
                    .append('\n');
            outcomes.stream().filter(o -> o.step() == step).forEach(o -> out.append("    ").append(o).append('\n'));
        }
        return out.toString();
    }
}
