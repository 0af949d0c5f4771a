package org.anju.simulator.behaviour;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.incident.Incident;

/**
 * A smart parcel locker bank: couriers deposit in the morning ({@link DailyProfile#DEPOSITS},
 * {@code depositsPerPeakHour}), residents pick up in the evening ({@link DailyProfile#PICKUPS},
 * {@code pickupsPerPeakHour} per waiting parcel), parcels left longer than {@code freeHours} are
 * reported overdue once, doors fail rarely ({@code doorFaultsPerYear}, repaired after a day).
 * A deposit names the recipient's mobile number from the waybill, one of {@code recipientPhones}
 * (manifest attribute: the estate's residents), except for a share {@code unknownRecipientShare}
 * of parcels whose waybill names nobody of the estate (they stay unmatched for the property).
 * Command {@code open-compartment} opens one (a pickup when a parcel waits in it).
 */
final class ParcelLockerBehaviour extends BaseBehaviour<ParcelLockerBehaviour.State> {

    private static final String[] SIZES = {"S", "S", "S", "M", "M", "M", "L", "XL"};
    private static final String[] COURIERS = {"顺丰", "中通", "圆通", "韵达", "京东", "邮政"};
    private static final long HOUR_MS = 3_600_000;
    private static final long REPAIR_MS = 24 * HOUR_MS;

    static final class State extends BaseState {
        String[] states;
        String[] codes;
        long[] sinceMs;
        boolean[] overdueSent;
        long waybills;
        long peakUntilMs;
        double peakFactor = 1;
    }

    private final int compartments;
    private final double depositsPerPeakHour;
    private final double pickupsPerPeakHour;
    private final double freeHours;
    private final double doorFaultsPerYear;
    private final List<String> recipientPhones;
    private final double unknownRecipientShare;

    ParcelLockerBehaviour(Params params) {
        super("parcel_locker", params, Duration.ofMinutes(5), new State());
        this.compartments = params.integer("compartments", 24, 1, 512);
        this.depositsPerPeakHour = params.number("depositsPerPeakHour", compartments / 6.0, 0, 10_000);
        this.pickupsPerPeakHour = params.number("pickupsPerPeakHour", 0.35, 0, 100);
        this.freeHours = params.number("freeHours", 18, 0, 8760);
        this.doorFaultsPerYear = params.number("doorFaultsPerYear", 1, 0, 10_000);
        this.recipientPhones = params.list("recipientPhones");
        this.unknownRecipientShare = params.number("unknownRecipientShare", 0.1, 0, 1);
        state.states = new String[compartments];
        state.codes = new String[compartments];
        state.sinceMs = new long[compartments];
        state.overdueSent = new boolean[compartments];
        java.util.Arrays.fill(state.states, "empty");
    }

    @Override
    protected void begin(Instant now, SplittableRandom random) {
    }

    @Override
    protected void advance(Instant from, Instant to, SplittableRandom random, Emitter out) {
        double hours = (to.toEpochMilli() - from.toEpochMilli()) / (double) HOUR_MS;
        double pickupRate = pickupsPerPeakHour * DailyProfile.PICKUPS.at(to);
        for (int i = 0; i < compartments; i++) {
            if (state.states[i].equals("fault") && state.sinceMs[i] + REPAIR_MS <= to.toEpochMilli()) {
                state.states[i] = "empty";
            }
            if (!state.states[i].equals("occupied")) {
                continue;
            }
            if (random.nextDouble() < 1 - Math.exp(-pickupRate * hours)) {
                pickup(i, SimRandom.between(random, from, to), out);
            } else if (!state.overdueSent[i] && state.sinceMs[i] + freeHours * HOUR_MS <= to.toEpochMilli()) {
                state.overdueSent[i] = true;
                out.event(to, Payloads.event("overdue", "compartment", label(i),
                        "storedHours", Math.round((to.toEpochMilli() - state.sinceMs[i]) / (double) HOUR_MS * 10) / 10.0));
            }
        }
        double peak = state.peakUntilMs > from.toEpochMilli() ? state.peakFactor : 1;
        int deposits = SimRandom.poisson(random, depositsPerPeakHour * peak * DailyProfile.DEPOSITS.at(to) * hours);
        for (int d = 0; d < deposits; d++) {
            List<Integer> empty = compartmentsIn("empty");
            if (empty.isEmpty()) {
                break; // the courier takes the parcel back to the station
            }
            deposit(empty.get(random.nextInt(empty.size())), SimRandom.between(random, from, to), random, out);
        }
        if (SimRandom.happens(random, doorFaultsPerYear, Duration.between(from, to))) {
            doorFault(random.nextInt(compartments), SimRandom.between(random, from, to), out);
        }
    }

    @Override
    protected void report(Instant now, SplittableRandom random, Emitter out) {
        List<Map<String, Object>> list = new ArrayList<>(compartments);
        for (int i = 0; i < compartments; i++) {
            list.add(Payloads.of("id", label(i), "size", SIZES[i % SIZES.length], "state", state.states[i]));
        }
        out.telemetry(now, Payloads.of("compartments", list));
    }

    @Override
    public CommandResult command(String name, JsonNode payload, Instant now, Emitter out) {
        if (!name.equals("open-compartment")) {
            return CommandResult.unknown(type(), name);
        }
        JsonNode which = payload == null ? null : payload.get("compartment");
        if (which == null || which.isNull()) {
            return CommandResult.refused(400, "open-compartment: field 'compartment' (a label like A01 or a number from 1) is required");
        }
        int index = indexOf(which);
        if (index < 0) {
            return CommandResult.refused(404, "open-compartment: no compartment '" + which.asText() + "' in this locker");
        }
        if (state.states[index].equals("fault")) {
            return CommandResult.refused(409, "open-compartment: the door of " + label(index) + " is faulty");
        }
        boolean parcel = state.states[index].equals("occupied");
        if (parcel) {
            pickup(index, now, out);
        }
        report(now, SimRandom.at(seed, now), out);
        return CommandResult.ok(Map.of("opened", label(index), "parcel", parcel));
    }

    @Override
    protected void onIncident(Incident incident, Instant now, Emitter out) {
        switch (incident.kind()) {
            case PEAK_PARCELS -> {
                state.peakFactor = Double.parseDouble(incident.params().getOrDefault("factor", "4"));
                state.peakUntilMs = now.plus(incident.duration().isZero() ? Duration.ofDays(1) : incident.duration()).toEpochMilli();
            }
            case FAULT -> {
                String label = incident.params().get("compartment");
                int index = label == null ? 0 : indexOf(new com.fasterxml.jackson.databind.node.TextNode(label));
                if (index < 0) {
                    throw new IllegalArgumentException("parcel_locker " + params.deviceId() + " has no compartment '" + label + "'");
                }
                doorFault(index, now, out);
            }
            default -> throw notFor(incident);
        }
    }

    private void deposit(int i, Instant at, SplittableRandom random, Emitter out) {
        String courier = COURIERS[random.nextInt(COURIERS.length)];
        state.states[i] = "occupied";
        state.codes[i] = String.format("%08d", random.nextInt(100_000_000));
        state.sinceMs[i] = at.toEpochMilli();
        state.overdueSent[i] = false;
        state.waybills++;
        Map<String, Object> deposit = Payloads.event("deposit", "compartment", label(i), "pickupCode", state.codes[i],
                "courier", courier + " " + (1000 + random.nextInt(9000)),
                "trackingNumber", "AJ" + Math.abs(seed % 100_000) + "-" + state.waybills);
        if (!recipientPhones.isEmpty() && random.nextDouble() >= unknownRecipientShare) {
            deposit.put("recipientPhone", recipientPhones.get(random.nextInt(recipientPhones.size())));
        }
        out.event(at, deposit);
    }

    private void pickup(int i, Instant at, Emitter out) {
        out.event(at, Payloads.event("pickup", "compartment", label(i), "pickupCode", state.codes[i]));
        state.states[i] = "empty";
        state.codes[i] = null;
    }

    private void doorFault(int i, Instant at, Emitter out) {
        state.states[i] = "fault";
        state.sinceMs[i] = at.toEpochMilli();
        out.event(at, Payloads.event("door_fault", "compartment", label(i), "detail", "lock did not engage"));
    }

    private List<Integer> compartmentsIn(String wanted) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < compartments; i++) {
            if (state.states[i].equals(wanted)) {
                found.add(i);
            }
        }
        return found;
    }

    private int indexOf(JsonNode which) {
        if (which.isInt()) {
            int n = which.asInt();
            return n >= 1 && n <= compartments ? n - 1 : -1;
        }
        for (int i = 0; i < compartments; i++) {
            if (label(i).equals(which.asText())) {
                return i;
            }
        }
        return -1;
    }

    private static String label(int i) {
        return (char) ('A' + i / 16 % 26) + String.format("%02d", i % 16 + 1) + (i >= 416 ? "-" + i / 416 : "");
    }
}
