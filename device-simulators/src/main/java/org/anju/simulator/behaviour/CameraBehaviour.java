package org.anju.simulator.behaviour;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.incident.Incident;

/**
 * A GB/T 28181 camera: a keepalive per {@code period} (60 s); a healthy recorder overwrites its
 * oldest footage and holds the disk at {@code retentionPercent} (80 %) full; with
 * {@code overwrite} {@code false} (a recorder whose clean-up has failed: the disk that fills) the
 * recordings fill it at {@code recordingMbps} from 20–70 % until it is {@code storageFullPercent}
 * full (then {@code storage_full}, and the recorder frees the oldest footage down to 70 %); occasional outages ({@code outagesPerMonth}, silent for
 * 10 min to 2 h), rare tamper alarms. With a {@code gate} attribute it is a parking-gate camera
 * and also reads plates (see {@link GateTraffic}).
 */
final class CameraBehaviour extends BaseBehaviour<CameraBehaviour.State> {

    private static final List<String> DEVICE_ALARMS = List.of("video_loss", "storage_fault", "fan_fault", "storage_full");

    static final class State extends BaseState {
        long storageUsed;
        GateTraffic.State gate = new GateTraffic.State();
    }

    private final long capacityBytes;
    private final double bytesPerHour;
    private final double storageFullPercent;
    private final double retentionPercent;
    private final boolean overwrite;
    private final double outagesPerMonth;
    private final double tampersPerYear;
    private final GateTraffic gate;

    CameraBehaviour(Params params) {
        super("camera", params, Duration.ofSeconds(60), new State());
        this.capacityBytes = (long) params.number("storageTotalBytes", 4e12, 1e9, 1e15);
        this.bytesPerHour = params.number("recordingMbps", 4, 0, 1000) * 1e6 / 8 * 3600;
        this.storageFullPercent = params.number("storageFullPercent", 95, 1, 100);
        this.retentionPercent = params.number("retentionPercent", 80, 1, 100);
        this.overwrite = !params.text("overwrite", "true").equals("false");
        this.outagesPerMonth = params.number("outagesPerMonth", 0.5, 0, 10_000);
        this.tampersPerYear = params.number("tampersPerYear", 0.5, 0, 10_000);
        String gateId = params.text("gate", null);
        this.gate = gateId == null ? null : new GateTraffic(params, gateId);
    }

    @Override
    protected void begin(Instant now, SplittableRandom random) {
        state.storageUsed = overwrite ? retained() : (long) (capacityBytes * (0.2 + random.nextDouble() * 0.5));
    }

    /** The level loop recording holds: the retention share of the disk. */
    private long retained() {
        return (long) (capacityBytes * retentionPercent / 100);
    }

    @Override
    protected void advance(Instant from, Instant to, SplittableRandom random, Emitter out) {
        Duration dt = Duration.between(from, to);
        state.storageUsed += (long) (bytesPerHour * dt.toMillis() / 3_600_000.0);
        if (overwrite && state.storageUsed > retained()) {
            state.storageUsed = retained(); // the oldest footage goes as the new arrives
        }
        if (state.storageUsed >= capacityBytes * storageFullPercent / 100) {
            out.event(to, Payloads.event("storage_full", "priority", 3, "channel", 1));
            state.storageUsed = (long) (capacityBytes * 0.7); // the recorder frees its oldest footage
        }
        if (gate != null) {
            gate.advance(state.gate, from, to, random, out);
        }
        if (SimRandom.happens(random, tampersPerYear, dt)) {
            out.event(SimRandom.between(random, from, to), Payloads.event("tamper", "priority", 1, "channel", 1));
        }
        if (SimRandom.happens(random, outagesPerMonth * 12, dt)) {
            Instant at = SimRandom.between(random, from, to);
            state.silentUntilMs = at.plus(Duration.ofMinutes(10 + random.nextInt(110))).toEpochMilli();
        }
    }

    @Override
    protected void report(Instant now, SplittableRandom random, Emitter out) {
        double hour = now.atZone(DailyProfile.ZONE).getHour();
        out.telemetry(now, Payloads.of(
                "status", "OK",
                "storageUsedBytes", state.storageUsed,
                "storageTotalBytes", capacityBytes,
                "temperature", round(35 + Math.sin((hour - 9) / 24.0 * 2 * Math.PI) * 6 + random.nextDouble() * 2, 1)));
    }

    @Override
    public CommandResult command(String name, JsonNode payload, Instant now, Emitter out) {
        return CommandResult.unknown(type(), name);
    }

    @Override
    protected void onIncident(Incident incident, Instant now, Emitter out) {
        switch (incident.kind()) {
            case TAMPER -> out.event(now, Payloads.event("tamper", "priority", 1, "channel", 1));
            case FAULT -> {
                String alarm = incident.params().getOrDefault("alarm", "storage_fault");
                if (!DEVICE_ALARMS.contains(alarm)) {
                    throw new IllegalArgumentException("camera fault 'alarm' must be one of " + DEVICE_ALARMS + ", got '" + alarm + "'");
                }
                out.event(now, Payloads.event(alarm, "priority", 2, "channel", 1));
            }
            default -> throw notFor(incident);
        }
    }
}
