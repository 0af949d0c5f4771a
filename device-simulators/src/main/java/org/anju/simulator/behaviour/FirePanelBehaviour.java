package org.anju.simulator.behaviour;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.incident.Incident;

/**
 * A building fire panel behind its UITD (GB/T 26875.3): {@code loops} × {@code pointsPerLoop}
 * addressed detectors; rare detector faults (repaired after {@code repairTime}), rare false fire
 * alarms, main power cuts; fire alarms latch until a {@code reset} command or the incident's end.
 * Detectors of its building relay through it (see {@link Relaying}).
 */
final class FirePanelBehaviour extends BaseBehaviour<FirePanelBehaviour.State> implements Relaying {

    private static final int FIRE_ALARM_SYSTEM = 1;
    private static final int PHOTOELECTRIC_SMOKE_DETECTOR = 42;

    static final class State extends BaseState {
        int alarmLoop;
        int alarmPoint;
        String alarmLocation;
        long alarmUntilMs;
        int faultLoop;
        int faultPoint;
        long faultSinceMs;
        long mainPowerFaultSinceMs;
    }

    private final int loops;
    private final int pointsPerLoop;
    private final double falseAlarmsPerYear;
    private final double faultsPerYear;
    private final double powerCutsPerYear;
    private final Duration repairTime;
    private final String building;

    FirePanelBehaviour(Params params, String building) {
        super("fire_panel", params, Duration.ofMinutes(5), new State());
        this.loops = params.integer("loops", 4, 1, 255);
        this.pointsPerLoop = params.integer("pointsPerLoop", 32, 1, 65_535);
        this.falseAlarmsPerYear = params.number("falseAlarmsPerYear", 2, 0, 10_000);
        this.faultsPerYear = params.number("faultsPerYear", 6, 0, 10_000);
        this.powerCutsPerYear = params.number("powerCutsPerYear", 1, 0, 10_000);
        this.repairTime = params.duration("repairTime", Duration.ofDays(1));
        this.building = building == null ? "" : building + " ";
    }

    @Override
    protected void begin(Instant now, SplittableRandom random) {
    }

    @Override
    protected void advance(Instant from, Instant to, SplittableRandom random, Emitter out) {
        Duration dt = Duration.between(from, to);
        if (state.alarmUntilMs != 0 && state.alarmUntilMs <= to.toEpochMilli()) {
            reset(Instant.ofEpochMilli(Math.max(state.alarmUntilMs, from.toEpochMilli() + 1)), "01", out);
        }
        if (state.faultSinceMs != 0 && state.faultSinceMs + repairTime.toMillis() <= to.toEpochMilli()) {
            Instant repaired = Instant.ofEpochMilli(Math.max(state.faultSinceMs + repairTime.toMillis(), from.toEpochMilli() + 1));
            out.event(repaired, signal("fault_restored", state.faultLoop, state.faultPoint, null));
            state.faultSinceMs = 0;
        }
        if (state.mainPowerFaultSinceMs != 0 && state.mainPowerFaultSinceMs + 3_600_000 <= to.toEpochMilli()) {
            out.event(Instant.ofEpochMilli(Math.max(state.mainPowerFaultSinceMs + 3_600_000, from.toEpochMilli() + 1)),
                    Payloads.event("main_power_fault_restored", "systemType", FIRE_ALARM_SYSTEM, "systemAddress", 1));
            state.mainPowerFaultSinceMs = 0;
        }
        if (state.alarmUntilMs == 0 && SimRandom.happens(random, falseAlarmsPerYear, dt)) {
            int loop = 1 + random.nextInt(loops);
            int point = 1 + random.nextInt(pointsPerLoop);
            alarm(SimRandom.between(random, from, to), loop, point, location(loop, point), Duration.ofMinutes(5 + random.nextInt(10)), out);
        }
        if (state.faultSinceMs == 0 && SimRandom.happens(random, faultsPerYear, dt)) {
            state.faultLoop = 1 + random.nextInt(loops);
            state.faultPoint = 1 + random.nextInt(pointsPerLoop);
            Instant at = SimRandom.between(random, from, to);
            state.faultSinceMs = at.toEpochMilli();
            out.event(at, signal("fault", state.faultLoop, state.faultPoint, location(state.faultLoop, state.faultPoint)));
        }
        if (state.mainPowerFaultSinceMs == 0 && SimRandom.happens(random, powerCutsPerYear, dt)) {
            Instant at = SimRandom.between(random, from, to);
            state.mainPowerFaultSinceMs = at.toEpochMilli();
            out.event(at, Payloads.event("main_power_fault", "systemType", FIRE_ALARM_SYSTEM, "systemAddress", 1));
        }
    }

    @Override
    protected void report(Instant now, SplittableRandom random, Emitter out) {
        out.telemetry(now, Payloads.of(
                "testMode", false,
                "fireAlarm", state.alarmUntilMs != 0,
                "fault", state.faultSinceMs != 0 || state.mainPowerFaultSinceMs != 0,
                "mainPowerFault", state.mainPowerFaultSinceMs != 0,
                "backupPowerFault", false,
                "linkToCenterFailed", false,
                "monitoringLineFault", false));
    }

    @Override
    public CommandResult command(String name, JsonNode payload, Instant now, Emitter out) {
        return switch (name) {
            case "reset" -> {
                boolean hadAlarm = state.alarmUntilMs != 0;
                reset(now, operator(payload), out);
                yield CommandResult.ok(Map.of("reset", true, "fireAlarmCleared", hadAlarm));
            }
            case "silence" -> {
                out.event(now, Payloads.event("operation", "operation", "silence", "systemType", FIRE_ALARM_SYSTEM,
                        "systemAddress", 1, "operatorId", operator(payload)));
                yield CommandResult.ok(Map.of("silenced", true));
            }
            default -> CommandResult.unknown(type(), name);
        };
    }

    @Override
    protected void onIncident(Incident incident, Instant now, Emitter out) {
        Duration lasting = incident.duration().isZero() ? Duration.ofMinutes(30) : incident.duration();
        int loop = Integer.parseInt(incident.params().getOrDefault("loop", "1"));
        int point = Integer.parseInt(incident.params().getOrDefault("point", "1"));
        switch (incident.kind()) {
            case FIRE, FALSE_ALARM -> alarm(now, loop, point,
                    incident.params().getOrDefault("location", location(loop, point)), lasting, out);
            case FAULT -> {
                state.faultLoop = loop;
                state.faultPoint = point;
                state.faultSinceMs = now.toEpochMilli();
                out.event(now, signal("fault", loop, point, location(loop, point)));
            }
            default -> throw notFor(incident);
        }
    }

    @Override
    public void relay(String sourceId, Integer floor, Map<String, Object> event, Instant ts, Emitter out) {
        if ("alarm".equals(event.get("kind")) && state.alarmUntilMs == 0) {
            // the panel latches the detector's alarm until reset; a detector is addressed by its floor
            int loop = floor == null ? 1 : Math.floorMod(floor, loops) + 1;
            int point = 1 + Math.floorMod(sourceId.hashCode(), pointsPerLoop);
            String where = building + (floor == null ? "" : floor + "层 ") + sourceId;
            alarm(ts, loop, point, where.length() > 64 ? where.substring(0, 64) : where, Duration.ofMinutes(30), out);
        }
    }

    private void alarm(Instant at, int loop, int point, String location, Duration lasting, Emitter out) {
        state.alarmLoop = loop;
        state.alarmPoint = point;
        state.alarmLocation = location;
        state.alarmUntilMs = at.plus(lasting).toEpochMilli();
        out.event(at, signal("fire_alarm", loop, point, location));
    }

    private void reset(Instant at, String operatorId, Emitter out) {
        if (state.alarmUntilMs != 0) {
            out.event(at, signal("fire_alarm_restored", state.alarmLoop, state.alarmPoint, state.alarmLocation));
            state.alarmUntilMs = 0;
        }
        out.event(at, Payloads.event("operation", "operation", "reset", "systemType", FIRE_ALARM_SYSTEM,
                "systemAddress", 1, "operatorId", operatorId));
    }

    private Map<String, Object> signal(String kind, int loop, int point, String location) {
        return Payloads.event(kind, "systemType", FIRE_ALARM_SYSTEM, "systemAddress", 1,
                "componentType", PHOTOELECTRIC_SMOKE_DETECTOR, "address", Map.of("loop", loop, "point", point),
                "location", location);
    }

    private String location(int loop, int point) {
        String text = building + "回路" + loop + " 点位" + point;
        return text.length() > 64 ? text.substring(0, 64) : text;
    }

    private static String operator(JsonNode payload) {
        String id = payload != null && payload.hasNonNull("operatorId") ? payload.get("operatorId").asText() : "platform";
        return id.isEmpty() ? "platform" : id.substring(0, Math.min(32, id.length()));
    }
}
