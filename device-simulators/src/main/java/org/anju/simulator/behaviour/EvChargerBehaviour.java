package org.anju.simulator.behaviour;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.incident.Incident;

/**
 * An OCPP 1.6-style charger with one connector: cars plug in after {@link DailyProfile#PLUG_IN}
 * ({@code sessionsPerPeakHour}), those arriving in the evening stay overnight; the power ramps up,
 * holds {@code maxPowerW} and tapers over the last 20 % of the energy the car wants (constant
 * current, then constant voltage); meter values every {@code period} (1 min) with an energy register
 * that only grows; rare faults ({@code faultsPerYear}) stop the session. Command
 * {@code stop-session} stops it remotely.
 * <p>
 * The connector's temperature is 24 °C plus up to 12 °C at full power plus up to 2 °C of noise;
 * a worn connector (contact resistance rising with each plug-in) adds
 * {@code temperatureCreepPerSession} °C for every session since the simulation started (0 by
 * default: a healthy connector does not warm over time).
 */
final class EvChargerBehaviour extends BaseBehaviour<EvChargerBehaviour.State> {

    private static final int CONNECTOR = 1;
    private static final long MINUTE_MS = 60_000;
    private static final List<String> ERRORS = List.of("GroundFailure", "OverCurrentFailure", "HighTemperature",
            "EVCommunicationError", "PowerMeterFailure");

    static final class State extends BaseState {
        double energyWh;
        int transactions;
        String status = "Available";
        String errorCode = "NoError";
        long faultUntilMs;
        long meterStart;
        double wantedWh;
        double deliveredWh;
        long leaveAtMs;
        String idTag;
        double powerW;
        /** Sessions started since the simulation started (its connector's wear). */
        int sessionsWorn;
    }

    private final double maxPowerW;
    private final double sessionsPerPeakHour;
    private final double faultsPerYear;
    private final List<String> idTags;
    private final double visitorSessionShare;
    private final double temperatureCreepPerSession;

    EvChargerBehaviour(Params params) {
        super("ev_charger", params, Duration.ofMinutes(1), new State());
        this.maxPowerW = params.number("maxPowerW", 7000, 1000, 350_000);
        this.sessionsPerPeakHour = params.number("sessionsPerPeakHour", 0.4, 0, 100);
        this.faultsPerYear = params.number("faultsPerYear", 2, 0, 10_000);
        // the cards of the households using this charger (manifest attribute idTags), so that sessions
        // bill them; without any, every session is a stranger's card
        this.idTags = params.list("idTags");
        // with cards known, the share of sessions started with a visitor's card, which bills nobody
        this.visitorSessionShare = params.number("visitorSessionShare", 0.1, 0, 1);
        this.temperatureCreepPerSession = params.number("temperatureCreepPerSession", 0, 0, 10);
    }

    @Override
    protected void begin(Instant now, SplittableRandom random) {
        state.energyWh = random.nextInt(2_000_000);
    }

    @Override
    protected void advance(Instant from, Instant to, SplittableRandom random, Emitter out) {
        // integrate the power curve minute by minute, whatever the step
        for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += MINUTE_MS) {
            long end = Math.min(t + MINUTE_MS, to.toEpochMilli());
            minute(Instant.ofEpochMilli(end), (end - t) / 3_600_000.0, random, out);
        }
    }

    private void minute(Instant at, double hours, SplittableRandom random, Emitter out) {
        if (state.status.equals("Faulted")) {
            if (state.faultUntilMs <= at.toEpochMilli()) {
                state.errorCode = "NoError";
                status(at, "Available", out);
            }
            return;
        }
        if (inSession()) {
            state.powerW = power();
            double wh = state.powerW * hours;
            state.energyWh += wh;
            state.deliveredWh += wh;
            if (state.status.equals("Charging") && state.deliveredWh >= state.wantedWh) {
                state.powerW = 0;
                status(at, "SuspendedEV", out);
            }
            if (state.leaveAtMs <= at.toEpochMilli()) {
                stop(at, "EVDisconnected", out);
            } else if (SimRandom.happens(random, faultsPerYear, Duration.ofMillis((long) (hours * 3_600_000)))) {
                fault(at, ERRORS.get(random.nextInt(ERRORS.size())), out);
            }
            return;
        }
        if (random.nextDouble() < 1 - Math.exp(-sessionsPerPeakHour * DailyProfile.PLUG_IN.at(at) * hours)) {
            start(at, random, out);
        }
    }

    @Override
    protected void report(Instant now, SplittableRandom random, Emitter out) {
        double voltage = round(220 + random.nextDouble() * 8 - 4, 1);
        Map<String, Object> meter = Payloads.of(
                "Energy.Active.Import.Register", Math.round(Math.floor(state.energyWh)),
                "Power.Active.Import", Math.round(state.powerW),
                "Current.Import", round(state.powerW / voltage, 1),
                "Voltage", voltage,
                "Temperature", round(24 + state.sessionsWorn * temperatureCreepPerSession
                        + state.powerW / maxPowerW * 12 + random.nextDouble() * 2, 1));
        out.telemetry(now, Payloads.of("connectorId", CONNECTOR,
                "transactionId", inSession() ? state.transactions : null,
                "status", state.status, "errorCode", state.errorCode, "meterValues", meter));
    }

    @Override
    public CommandResult command(String name, JsonNode payload, Instant now, Emitter out) {
        if (!name.equals("stop-session")) {
            return CommandResult.unknown(type(), name);
        }
        if (!inSession()) {
            return CommandResult.refused(409, "stop-session: no charging session on connector " + CONNECTOR);
        }
        int transaction = state.transactions;
        stop(now, "Remote", out);
        report(now, SimRandom.at(seed, now), out);
        return CommandResult.ok(Map.of("transactionId", transaction, "meterStop", Math.round(Math.floor(state.energyWh))));
    }

    @Override
    protected void onIncident(Incident incident, Instant now, Emitter out) {
        if (incident.kind() != org.anju.simulator.incident.IncidentKind.FAULT) {
            throw notFor(incident);
        }
        String error = incident.params().getOrDefault("errorCode", "GroundFailure");
        fault(now, error, out);
        if (!incident.duration().isZero()) {
            state.faultUntilMs = now.plus(incident.duration()).toEpochMilli();
        }
    }

    /** Ramps up over 2 minutes, holds, tapers linearly to a tenth over the last 20 % of the wanted energy. */
    private double power() {
        if (!state.status.equals("Charging")) {
            return 0;
        }
        double ramp = Math.min(1, (state.deliveredWh + 1) / (maxPowerW / 30.0));
        double remaining = (state.wantedWh - state.deliveredWh) / (0.2 * state.wantedWh);
        double taper = Math.max(0.1, Math.min(1, remaining));
        return maxPowerW * Math.min(ramp, taper) * 0.97;
    }

    private void start(Instant at, SplittableRandom random, Emitter out) {
        state.transactions++;
        state.sessionsWorn++;
        state.meterStart = Math.round(Math.floor(state.energyWh));
        state.wantedWh = 8_000 + random.nextDouble() * 32_000;
        state.deliveredWh = 0;
        state.idTag = idTags.isEmpty() || random.nextDouble() < visitorSessionShare
                ? String.format("%08X", random.nextInt(Integer.MAX_VALUE))
                : idTags.get(random.nextInt(idTags.size()));
        ZonedDateTime local = at.atZone(DailyProfile.ZONE);
        boolean overnight = local.getHour() >= 17 || local.getHour() < 5;
        state.leaveAtMs = overnight
                ? local.toLocalDate().plusDays(local.getHour() >= 17 ? 1 : 0).atTime(7, 0).atZone(DailyProfile.ZONE)
                        .toInstant().plusSeconds(random.nextInt(7200)).toEpochMilli()
                : at.plus(Duration.ofMinutes(60 + random.nextInt(180))).toEpochMilli();
        status(at, "Preparing", out);
        out.event(at, Payloads.event("session_started", "transactionId", state.transactions, "connectorId", CONNECTOR,
                "idTag", state.idTag, "meterStart", state.meterStart));
        status(at, "Charging", out);
    }

    private void stop(Instant at, String reason, Emitter out) {
        state.powerW = 0;
        out.event(at, Payloads.event("session_stopped", "transactionId", state.transactions, "connectorId", CONNECTOR,
                "meterStop", Math.round(Math.floor(state.energyWh)), "reason", reason, "idTag", state.idTag));
        state.leaveAtMs = 0;
        if (!state.status.equals("Faulted")) {
            status(at, "Available", out);
        }
    }

    private void fault(Instant at, String errorCode, Emitter out) {
        state.errorCode = errorCode;
        state.faultUntilMs = at.plus(Duration.ofMinutes(45)).toEpochMilli();
        boolean charging = inSession();
        state.status = "Faulted";
        out.event(at, Payloads.event("status_notification", "connectorId", CONNECTOR, "status", "Faulted",
                "errorCode", errorCode));
        if (charging) {
            stop(at, "Other", out);
        }
    }

    private void status(Instant at, String status, Emitter out) {
        state.status = status;
        out.event(at, Payloads.event("status_notification", "connectorId", CONNECTOR, "status", status,
                "errorCode", state.errorCode));
    }

    private boolean inSession() {
        return state.leaveAtMs != 0;
    }
}
