package org.anju.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.incident.Incident;

/**
 * A scenario resolved against a manifest: every injection with its device and time from the start,
 * spreading included, in time order (ties in step order).
 */
public record Timeline(Scenario scenario, List<Injection> injections) {

    public Timeline {
        injections = List.copyOf(injections);
    }

    /**
     * One incident for one device.
     *
     * @param offset when, from the scenario's start
     * @param step   the step's index in the scenario
     * @param ring   0 for the step's own target, n for the floors n above and below it
     */
    public record Injection(Duration offset, String deviceId, Incident incident, int step, int ring) {
    }

    /**
     * Resolves the scenario's targets in the manifest.
     *
     * @throws ScenarioException at the line of a target that selects no device
     */
    public static Timeline plan(Scenario scenario, DeviceManifest manifest) {
        List<Injection> injections = new ArrayList<>();
        for (int i = 0; i < scenario.steps().size(); i++) {
            Step step = scenario.steps().get(i);
            List<DeviceManifest.Device> targets = step.target().selectSome(manifest);
            Set<String> reached = new HashSet<>();
            for (DeviceManifest.Device d : targets) {
                reached.add(d.id());
                injections.add(new Injection(step.at(), d.id(), step.incident(), i, 0));
            }
            if (step.spread() != null) {
                for (int ring = 1; ring <= step.spread().floors(); ring++) {
                    Duration at = step.at().plus(step.spread().every().multipliedBy(ring));
                    for (DeviceManifest.Device d : TargetSelector.neighbours(manifest, targets, ring)) {
                        if (reached.add(d.id())) {
                            injections.add(new Injection(at, d.id(), step.incident(), i, ring));
                        }
                    }
                }
            }
            for (Expectation e : step.expect()) {
                selectorOf(e).selectSome(manifest);
            }
        }
        injections.sort(Comparator.comparing(Injection::offset).thenComparingInt(Injection::step));
        return new Timeline(scenario, injections);
    }

    /** Returns the last injection's offset. */
    public Duration length() {
        return injections.isEmpty() ? Duration.ZERO : injections.getLast().offset();
    }

    static TargetSelector selectorOf(Expectation e) {
        return switch (e) {
            case Expectation.Event ev -> ev.from();
            case Expectation.Alert a -> a.from();
            case Expectation.Offline o -> o.target();
            case Expectation.Online o -> o.target();
            case Expectation.Forecast f -> f.from();
            case Expectation.WorkOrder w -> w.from();
        };
    }
}
