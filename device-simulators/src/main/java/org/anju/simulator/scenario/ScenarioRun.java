package org.anju.simulator.scenario;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.incident.IncidentTarget;

/**
 * Runs a scenario against a platform: plays the timeline on its own thread while checking, every
 * poll interval, the expectations of the steps that have started, until each is decided.
 */
public final class ScenarioRun {

    private final Timeline timeline;
    private final DeviceManifest manifest;
    private final IncidentTarget target;
    private final ExpectationChecker checker;
    private final Pacer pacer;
    private final Duration pollInterval;

    /**
     * @param grace how long past a deadline to keep looking for a reaction stamped in time (ingest delay)
     */
    public ScenarioRun(Timeline timeline, DeviceManifest manifest, IncidentTarget target, PlatformObservations platform,
            Pacer pacer, Duration pollInterval, Duration grace) {
        this.timeline = timeline;
        this.manifest = manifest;
        this.target = target;
        this.checker = new ExpectationChecker(platform, grace);
        this.pacer = pacer;
        this.pollInterval = pollInterval;
    }

    /**
     * Runs the scenario to the end: its last injection and every expectation decided.
     *
     * @throws IOException when the platform cannot be asked
     */
    public ScenarioReport execute() throws IOException, InterruptedException {
        ConcurrentLinkedQueue<ExpectationChecker.Pending> started = new ConcurrentLinkedQueue<>();
        AtomicReference<List<ScenarioRunner.Injected>> injected = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        ScenarioRunner runner = new ScenarioRunner(target, pacer);
        Thread player = Thread.ofVirtual().name("scenario-" + timeline.scenario().name()).start(() -> {
            try {
                injected.set(runner.play(timeline, (step, at) -> {
                    for (Expectation e : timeline.scenario().steps().get(step).expect()) {
                        started.add(new ExpectationChecker.Pending(step, e, Timeline.selectorOf(e).select(manifest), at));
                    }
                }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failed.set(e);
            }
        });
        List<ExpectationChecker.Pending> open = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            while (player.isAlive() || !started.isEmpty() || !open.isEmpty()) {
                for (ExpectationChecker.Pending p; (p = started.poll()) != null;) {
                    open.add(p);
                }
                Instant now = pacer.now();
                for (Iterator<ExpectationChecker.Pending> it = open.iterator(); it.hasNext();) {
                    Optional<Outcome> outcome = checker.check(it.next(), now);
                    if (outcome.isPresent()) {
                        outcomes.add(outcome.get());
                        it.remove();
                    }
                }
                if (player.isAlive() || !open.isEmpty()) {
                    pacer.waitUntil(now.plus(pollInterval));
                }
            }
        } finally {
            player.interrupt();
            player.join();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("the scenario stopped: " + failed.get().getMessage(), failed.get());
        }
        return new ScenarioReport(timeline, injected.get() == null ? List.of() : injected.get(), outcomes);
    }
}
