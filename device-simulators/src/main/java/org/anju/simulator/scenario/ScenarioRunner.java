package org.anju.simulator.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.simulator.incident.IncidentTarget;

/**
 * Plays a timeline: injects each incident into its device when its time from the start has come.
 */
public final class ScenarioRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    private final IncidentTarget target;
    private final Pacer pacer;

    public ScenarioRunner(IncidentTarget target, Pacer pacer) {
        this.target = target;
        this.pacer = pacer;
    }

    /**
     * What was injected, and when.
     *
     * @param error why the device refused it, or null
     */
    public record Injected(Timeline.Injection injection, Instant at, String error) {
    }

    /**
     * Plays the timeline from now; blocks until its last injection.
     *
     * @param stepStarted told each step's index and the moment of its first injection, before
     *                    that injection (so that expectations are timed from it)
     */
    public List<Injected> play(Timeline timeline, BiConsumer<Integer, Instant> stepStarted) throws InterruptedException {
        Instant start = pacer.now();
        List<Injected> done = new ArrayList<>();
        boolean[] started = new boolean[timeline.scenario().steps().size()];
        for (Timeline.Injection injection : timeline.injections()) {
            pacer.waitUntil(start.plus(injection.offset()));
            Instant now = pacer.now();
            if (!started[injection.step()]) {
                started[injection.step()] = true;
                stepStarted.accept(injection.step(), now);
            }
            done.add(inject(injection, now));
        }
        return done;
    }

    private Injected inject(Timeline.Injection injection, Instant now) {
        try {
            target.inject(injection.deviceId(), injection.incident());
            return new Injected(injection, now, null);
        } catch (IllegalArgumentException refused) {
            LOG.warn("incident refused [device: {}, kind: {}]: {}", injection.deviceId(), injection.incident().kind(),
                    refused.getMessage());
            return new Injected(injection, now, refused.getMessage());
        }
    }
}
