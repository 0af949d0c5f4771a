package org.anju.simulator.behaviour;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.incident.Incident;

/**
 * A residential lift (GB/T 24476 status and counters): trips by hour of day and weekday after
 * {@link DailyProfile#ELEVATOR}, door cycles per trip, run hours, rare faults and entrapments.
 * An entrapment lasts until the rescue ({@code rescueTime}), a fault until the repair
 * ({@code repairTime}), either until a {@code reset-alarm} command.
 * <p>
 * <b>Door wear</b> ({@link DoorWear}, off by default: a healthy car's door faults are only the rare
 * common faults): past {@code doorWearOnsetCycles} door cycles since the doors were last serviced,
 * transient door faults (02 door-close, 14 repeated open/close; back to normal within two minutes)
 * come at {@code doorWearFaultsPer10kCycles} per week for every 10,000 cycles past the onset, so
 * their weekly count rises linearly with use; {@code doorFailureCycles} past the onset the door
 * fails (03 door-open fault, out of service until the repair, which services the doors).
 */
final class ElevatorBehaviour extends BaseBehaviour<ElevatorBehaviour.State> {

    private static final String[] COMMON_FAULTS = {"02", "03", "14", "13", "07", "04", "01"};

    static final class State extends BaseState {
        long trips;
        long doorCycles;
        double runHours;
        int floor = 1;
        long trappedSinceMs;
        String faultCode;
        long faultSinceMs;
        /** The door cycle counter when the doors were last serviced. */
        long doorCyclesAtService;
        /** Door wear a {@code door_wear} incident set (rate 0: none; then the attributes' wear applies). */
        double incidentWearPer10k;
        long incidentFailureCycles;
    }

    private final double peakTripsPerHour;
    private final int topFloor;
    private final int lowestFloor;
    private final double tripSeconds;
    private final double faultsPerYear;
    private final double entrapmentsPerYear;
    private final Duration rescueTime;
    private final Duration repairTime;
    private final DoorWear wear;

    ElevatorBehaviour(Params params) {
        super("elevator", params, Duration.ofMinutes(1), new State());
        this.peakTripsPerHour = params.number("peakTripsPerHour", 60, 0, 1000);
        this.topFloor = params.integer("topFloor", 18, 1, 200);
        this.lowestFloor = params.integer("lowestFloor", 1, -10, 1);
        this.tripSeconds = params.number("tripSeconds", 40, 1, 600);
        this.faultsPerYear = params.number("faultsPerYear", 6, 0, 10_000);
        this.entrapmentsPerYear = params.number("entrapmentsPerYear", 1, 0, 10_000);
        this.rescueTime = params.duration("rescueTime", Duration.ofMinutes(25));
        this.repairTime = params.duration("repairTime", Duration.ofHours(3));
        this.wear = DoorWear.of(params);
    }

    @Override
    protected void begin(Instant now, SplittableRandom random) {
        state.trips = random.nextLong(50_000, 300_000);
        state.doorCycles = state.trips * 2 + random.nextLong(1_000);
        state.runHours = round(state.trips * tripSeconds / 3600.0, 2);
        state.floor = lowestFloor;
        state.doorCyclesAtService = state.doorCycles - wear.cyclesSinceServiceAtStart();
    }

    @Override
    protected void advance(Instant from, Instant to, SplittableRandom random, Emitter out) {
        Duration dt = Duration.between(from, to);
        if (trapped()) {
            Instant rescued = Instant.ofEpochMilli(state.trappedSinceMs).plus(rescueTime);
            if (!rescued.isAfter(to)) {
                release(rescued, out);
            }
            return; // a car with trapped passengers makes no trips
        }
        if (state.faultCode != null) {
            Instant repaired = Instant.ofEpochMilli(state.faultSinceMs).plus(repairTime);
            if (repaired.isAfter(to)) {
                return; // out of service until a technician has been
            }
            release(repaired, out);
        }
        double hours = dt.toMillis() / 3_600_000.0;
        int trips = SimRandom.poisson(random, peakTripsPerHour * DailyProfile.ELEVATOR.at(to) * hours);
        state.trips += trips;
        state.doorCycles += trips + SimRandom.poisson(random, trips * 1.1);
        state.runHours += trips * tripSeconds / 3600.0;
        if (trips > 0) {
            state.floor = floorAfterTrip(random);
        }
        if (trips > 0 && SimRandom.happens(random, entrapmentsPerYear, dt)) {
            trap(SimRandom.between(random, from, to), random.nextInt(4) == 0, out);
        } else if (SimRandom.happens(random, faultsPerYear, dt)) {
            fault(SimRandom.between(random, from, to), COMMON_FAULTS[random.nextInt(COMMON_FAULTS.length)], out);
        } else {
            wearDoors(from, to, random, out);
        }
    }

    @Override
    protected void report(Instant now, SplittableRandom random, Emitter out) {
        boolean trapped = trapped();
        boolean running = !trapped && random.nextDouble() < 0.6 * DailyProfile.ELEVATOR.at(now) * peakTripsPerHour / 60;
        Map<String, Object> m = Payloads.of(
                "serviceMode", state.faultCode != null && !trapped ? "out_of_service" : "normal",
                "running", running,
                "direction", running ? (random.nextBoolean() ? "up" : "down") : "none",
                "floor", state.floor,
                "doorZone", !running,
                "doorsClosed", running || trapped || random.nextInt(3) != 0,
                "doorsLocked", running || trapped,
                "passengerPresent", running || trapped || random.nextInt(4) == 0,
                "speed", running ? round(1.0 + random.nextDouble() * 0.75, 2) : 0.0,
                "powerSource", "mains",
                "safetyCircuitClosed", true,
                "machineRoomTemperature", round(20 + 6 * DailyProfile.ELEVATOR.at(now) + random.nextDouble() * 3, 1),
                "trips", state.trips,
                "doorCycles", state.doorCycles,
                "runHours", round(state.runHours, 2),
                "entrapment", trapped);
        out.telemetry(now, m);
    }

    @Override
    public CommandResult command(String name, JsonNode payload, Instant now, Emitter out) {
        if (!name.equals("reset-alarm")) {
            return CommandResult.unknown(type(), name);
        }
        if (!trapped() && state.faultCode == null) {
            return CommandResult.refused(409, "no alarm to reset: the elevator is in normal service");
        }
        boolean wasTrapped = trapped();
        release(now, out);
        return CommandResult.ok(Map.of("reset", true, "released", wasTrapped, "floor", state.floor));
    }

    @Override
    protected void onIncident(Incident incident, Instant now, Emitter out) {
        switch (incident.kind()) {
            case ENTRAPMENT -> trap(now, Boolean.parseBoolean(incident.params().getOrDefault("outsideDoorZone", "false")), out);
            case FAULT -> fault(now, incident.params().getOrDefault("code", "02"), out);
            case DOOR_WEAR -> {
                Params p = new Params(params.deviceId(), incident.params());
                state.incidentWearPer10k = p.number("faultsPer10kCycles", 2, 0.001, 1_000);
                state.incidentFailureCycles = (long) p.number("failureCycles", 100_000, 1, 1e9);
                // worn as far as the given cycles past the onset, which is now
                state.doorCyclesAtService = state.doorCycles - (long) p.number("cyclesPastOnset", 0, 0, 1e9);
            }
            default -> throw notFor(incident);
        }
    }

    /** Transient door faults at the worn doors' rate, or the door's failure once it is worn out. */
    private void wearDoors(Instant from, Instant to, SplittableRandom random, Emitter out) {
        long sinceService = state.doorCycles - state.doorCyclesAtService;
        DoorWear wear = state.incidentWearPer10k > 0
                ? new DoorWear(state.incidentWearPer10k, 0, state.incidentFailureCycles, 0) : this.wear;
        if (wear.failed(sinceService)) {
            fault(to, "03", out);
            state.doorCyclesAtService = state.doorCycles; // the repair services the doors
            state.incidentWearPer10k = 0; // and replaces what the incident wore out
            return;
        }
        int faults = SimRandom.poisson(random, wear.faultsPerWeek(sinceService) * Duration.between(from, to).toMillis()
                / (double) Duration.ofDays(7).toMillis());
        for (int i = 0; i < faults; i++) {
            Instant at = SimRandom.between(random, from, to);
            out.event(at, Payloads.event("fault", "code", random.nextBoolean() ? "02" : "14", "floor", state.floor));
            out.event(at.plusSeconds(20 + random.nextInt(100)), Payloads.event("back_to_normal", "floor", state.floor));
        }
    }

    private boolean trapped() {
        return state.trappedSinceMs != 0;
    }

    private void trap(Instant at, boolean outsideDoorZone, Emitter out) {
        state.trappedSinceMs = at.toEpochMilli();
        out.event(at, Payloads.event("alarm_button", "floor", state.floor, "passengerPresent", true));
        if (outsideDoorZone) {
            out.event(at, Payloads.event("fault", "code", "04", "floor", state.floor));
        }
        out.event(at.plusSeconds(30), Payloads.event("entrapment", "floor", state.floor, "doorZone", !outsideDoorZone,
                "trappedSeconds", 30));
    }

    private void fault(Instant at, String code, Emitter out) {
        state.faultCode = code;
        state.faultSinceMs = at.toEpochMilli();
        out.event(at, Payloads.event("fault", "code", code, "floor", state.floor));
    }

    private void release(Instant at, Emitter out) {
        state.trappedSinceMs = 0;
        state.faultCode = null;
        out.event(at, Payloads.event("back_to_normal", "floor", state.floor));
    }

    private int floorAfterTrip(SplittableRandom random) {
        // half the trips end on the ground floor (people leave or come home)
        return random.nextBoolean() ? Math.max(lowestFloor, 1) : lowestFloor + random.nextInt(topFloor - lowestFloor + 1);
    }
}
