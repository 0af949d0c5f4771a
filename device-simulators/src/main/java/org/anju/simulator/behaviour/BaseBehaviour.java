package org.anju.simulator.behaviour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.Json;
import org.anju.simulator.incident.Incident;
import org.anju.simulator.incident.IncidentKind;

/**
 * The bookkeeping every behaviour shares: step times, outages (silence), deterministic random
 * sources per step and the persisted state as a plain object of fields.
 *
 * @param <S> the device type's persisted state
 */
abstract class BaseBehaviour<S extends BaseBehaviour.BaseState> implements Behaviour {

    /** What every device keeps: times as epoch milliseconds, 0 for none. */
    @KeptAsFields
    static class BaseState {
        long lastStepMs;
        long silentUntilMs;
    }

    protected final Params params;
    protected final long seed;
    protected S state;
    private final String type;
    private final Duration period;

    BaseBehaviour(String type, Params params, Duration defaultPeriod, S initial) {
        this.type = type;
        this.params = params;
        this.seed = SimRandom.seedOf(params.deviceId());
        this.period = params.duration("period", defaultPeriod);
        this.state = initial;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Duration period() {
        return period;
    }

    @Override
    public final void step(Instant now, Emitter out) {
        Instant last = lastStep();
        if (last != null && !now.isAfter(last)) {
            return;
        }
        Emitter audible = silencing(out);
        if (last == null) {
            begin(now, new SplittableRandom(seed));
        } else {
            advance(last, now, SimRandom.at(seed, now), audible);
        }
        state.lastStepMs = now.toEpochMilli();
        if (!isSilent(now)) {
            report(now, SimRandom.at(seed ^ 0x5DEECE66DL, now), out);
        }
    }

    @Override
    public final void inject(Incident incident, Instant now, Emitter out) {
        if (incident.kind() == IncidentKind.OUTAGE) {
            state.silentUntilMs = now.plus(incident.duration()).toEpochMilli();
            return;
        }
        onIncident(incident, now, silencing(out));
    }

    @Override
    public final Instant silentUntil() {
        return state.silentUntilMs == 0 ? null : Instant.ofEpochMilli(state.silentUntilMs);
    }

    @Override
    public final Instant lastStep() {
        return state.lastStepMs == 0 ? null : Instant.ofEpochMilli(state.lastStepMs);
    }

    @Override
    public final JsonNode saveState() {
        return Json.MAPPER.valueToTree(state);
    }

    @Override
    public final void restoreState(JsonNode saved) {
        try {
            state = Json.MAPPER.readerForUpdating(state).readValue(saved);
        } catch (IOException e) {
            throw new UncheckedIOException("state of " + params.deviceId() + " is not a " + type + " state", e);
        }
    }

    /** Sets the starting values (counters, battery) from the device's own seed. */
    protected abstract void begin(Instant now, SplittableRandom random);

    /** Emits what happened in (from, to] and updates the state to {@code to}. */
    protected abstract void advance(Instant from, Instant to, SplittableRandom random, Emitter out);

    /** Emits the current telemetry. */
    protected abstract void report(Instant now, SplittableRandom random, Emitter out);

    /** Starts an incident other than an outage. */
    protected abstract void onIncident(Incident incident, Instant now, Emitter out);

    protected boolean isSilent(Instant now) {
        return state.silentUntilMs != 0 && now.toEpochMilli() < state.silentUntilMs;
    }

    protected IllegalArgumentException notFor(Incident incident) {
        return new IllegalArgumentException(type + " " + params.deviceId() + " cannot have incident " + incident.kind());
    }

    protected static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Drops what the device would have said while it was silent. */
    private Emitter silencing(Emitter out) {
        return new Emitter() {
            @Override
            public void telemetry(Instant ts, Map<String, Object> payload) {
                if (!isSilent(ts)) {
                    out.telemetry(ts, payload);
                }
            }

            @Override
            public void event(Instant ts, Map<String, Object> payload) {
                if (!isSilent(ts)) {
                    out.event(ts, payload);
                }
            }
        };
    }
}
