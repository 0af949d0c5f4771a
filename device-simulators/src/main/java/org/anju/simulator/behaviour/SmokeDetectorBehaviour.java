package org.anju.simulator.behaviour;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.incident.Incident;

/**
 * A standalone smoke alarm (GB 20517) on a lithium battery: heartbeats every
 * {@code heartbeatInterval}, a battery that only declines (over {@code batteryLifeDays}, faster
 * while sounding), dust that slowly raises the chamber's baseline and with it the rate of false
 * alarms, a low-battery event once below {@code lowBatteryPercent}, and rare faults.
 */
final class SmokeDetectorBehaviour extends BaseBehaviour<SmokeDetectorBehaviour.State> {

    private static final double DAY_MS = 86_400_000.0;

    static final class State extends BaseState {
        double battery;
        double dust;
        long lastHeartbeatMs;
        long alarmUntilMs;
        boolean fire;
        boolean lowBatterySent;
        boolean endOfLifeSent;
    }

    private final Duration heartbeatInterval;
    private final double batteryLifeDays;
    private final double dustDriftPerMonth;
    private final double falseAlarmsPerYear;
    private final double faultsPerYear;
    private final double lowBatteryPercent;

    SmokeDetectorBehaviour(Params params) {
        super("smoke_detector", params, Duration.ofHours(1), new State());
        this.heartbeatInterval = params.duration("heartbeatInterval", Duration.ofHours(12));
        this.batteryLifeDays = params.number("batteryLifeDays", 1095, 1, 10_000);
        this.dustDriftPerMonth = params.number("dustDriftPerMonth", 0.004, 0, 10);
        this.falseAlarmsPerYear = params.number("falseAlarmsPerYear", 0.3, 0, 10_000);
        this.faultsPerYear = params.number("faultsPerYear", 0.1, 0, 10_000);
        this.lowBatteryPercent = params.number("lowBatteryPercent", 10, 0, 100);
    }

    @Override
    protected void begin(Instant now, SplittableRandom random) {
        state.battery = 70 + random.nextDouble() * 30;
        state.dust = 0.01 + random.nextDouble() * 0.02;
        state.lastHeartbeatMs = now.toEpochMilli() - random.nextLong(heartbeatInterval.toMillis());
    }

    @Override
    protected void advance(Instant from, Instant to, SplittableRandom random, Emitter out) {
        double days = (to.toEpochMilli() - from.toEpochMilli()) / DAY_MS;
        double drain = 100.0 / batteryLifeDays * days * (0.9 + 0.2 * random.nextDouble());
        if (alarming(from)) {
            drain *= 3; // the sounder is the largest consumer
        }
        state.battery = Math.max(0, state.battery - drain);
        state.dust = Math.min(5, state.dust + dustDriftPerMonth * days / 30);
        if (state.alarmUntilMs != 0 && state.alarmUntilMs <= to.toEpochMilli()) {
            clearAlarm(Instant.ofEpochMilli(Math.max(state.alarmUntilMs, from.toEpochMilli() + 1)), out);
        }
        for (long t = state.lastHeartbeatMs + heartbeatInterval.toMillis(); t <= to.toEpochMilli();
                t += heartbeatInterval.toMillis()) {
            out.event(Instant.ofEpochMilli(t), Payloads.event("heartbeat", "battery", battery(),
                    "signal", -85 - random.nextInt(25)));
            state.lastHeartbeatMs = t;
        }
        if (state.battery < lowBatteryPercent && !state.lowBatterySent) {
            state.lowBatterySent = true;
            out.event(to, Payloads.event("low_battery", "battery", battery()));
        }
        if (state.battery < 2 && !state.endOfLifeSent) {
            state.endOfLifeSent = true;
            out.event(to, Payloads.event("end_of_life", "battery", battery()));
        }
        Duration dt = Duration.between(from, to);
        // dust raises the false-alarm rate: a chamber at 0.5 %/m alarms ten times as often as a clean one
        if (!alarming(to) && SimRandom.happens(random, falseAlarmsPerYear * (1 + state.dust * 20), dt)) {
            Instant at = SimRandom.between(random, from, to);
            startAlarm(at, Duration.ofMinutes(2 + random.nextInt(7)), false, out);
        } else if (SimRandom.happens(random, faultsPerYear, dt)) {
            out.event(SimRandom.between(random, from, to), Payloads.event("fault", "detail", "smoke chamber contaminated"));
        }
    }

    @Override
    protected void report(Instant now, SplittableRandom random, Emitter out) {
        double smoke = alarming(now) ? (state.fire ? 6 + random.nextDouble() * 4 : 2 + random.nextDouble() * 2)
                : state.dust + random.nextDouble() * 0.01;
        out.telemetry(now, Payloads.of(
                "battery", battery(),
                "smokeConcentration", round(smoke, 3),
                "temperature", round(temperature(now, random), 1),
                "signal", -85 - random.nextInt(25)));
    }

    @Override
    public CommandResult command(String name, JsonNode payload, Instant now, Emitter out) {
        return switch (name) {
            case "silence" -> silence(payload, now, out);
            case "test" -> {
                String result = state.battery > lowBatteryPercent / 2 ? "passed" : "failed";
                out.event(now, Payloads.event("test", "result", result, "battery", battery()));
                yield CommandResult.ok(Map.of("result", result));
            }
            default -> CommandResult.unknown(type(), name);
        };
    }

    @Override
    protected void onIncident(Incident incident, Instant now, Emitter out) {
        Duration lasting = incident.duration().isZero() ? Duration.ofMinutes(10) : incident.duration();
        switch (incident.kind()) {
            case FIRE -> startAlarm(now, lasting, true, out);
            case FALSE_ALARM -> startAlarm(now, lasting, false, out);
            case LOW_BATTERY -> {
                state.battery = Math.min(state.battery, Math.max(0, lowBatteryPercent - 2));
                state.lowBatterySent = true;
                out.event(now, Payloads.event("low_battery", "battery", battery()));
            }
            case TAMPER -> out.event(now, Payloads.event("tamper"));
            case FAULT -> out.event(now, Payloads.event("fault", "detail",
                    incident.params().getOrDefault("detail", "smoke chamber fault")));
            default -> throw notFor(incident);
        }
    }

    private CommandResult silence(JsonNode payload, Instant now, Emitter out) {
        int seconds = 600;
        if (payload != null && payload.has("seconds")) {
            seconds = payload.get("seconds").asInt();
        } else if (payload != null && payload.has("minutes")) {
            seconds = payload.get("minutes").asInt() * 60;
        }
        if (seconds < 1 || seconds > 3600) {
            return CommandResult.refused(400, "silence: 'seconds' must be 1 to 3600 (or 'minutes' 1 to 60), got " + seconds);
        }
        boolean wasAlarming = alarming(now);
        out.event(now, Payloads.event("silenced", "silencedSeconds", seconds));
        return CommandResult.ok(Map.of("silencedSeconds", seconds, "alarm", wasAlarming));
    }

    private void startAlarm(Instant at, Duration lasting, boolean fire, Emitter out) {
        state.alarmUntilMs = at.plus(lasting).toEpochMilli();
        state.fire = fire;
        out.event(at, Payloads.event("alarm", "smokeConcentration", fire ? 8.5 : 2.4,
                "temperature", fire ? 52.0 : 24.0, "battery", battery()));
    }

    private void clearAlarm(Instant at, Emitter out) {
        state.alarmUntilMs = 0;
        state.fire = false;
        out.event(at, Payloads.event("alarm_cleared", "smokeConcentration", round(state.dust, 3)));
    }

    private boolean alarming(Instant now) {
        return state.alarmUntilMs != 0 && now.toEpochMilli() < state.alarmUntilMs;
    }

    private double battery() {
        return Math.floor(state.battery * 10) / 10;
    }

    private double temperature(Instant now, SplittableRandom random) {
        double hour = now.atZone(DailyProfile.ZONE).getHour();
        double daily = Math.sin((hour - 9) / 24.0 * 2 * Math.PI) * 3;
        double base = state.fire && alarming(now) ? 55 : 22;
        return base + daily + random.nextDouble();
    }
}
