package org.anju.simulator.behaviour;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import org.anju.error.ClientError;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * The cars passing a parking-gate camera: residents' cars (plates from the manifest, so they match
 * the community's parking data) leave in the morning and come back in the evening; visitors
 * arrive by day and stay a while; a share of reads is missed (plate null, confidence 0).
 * A gate with {@code direction} {@code in} or {@code out} sees only that half of each visit.
 */
final class GateTraffic {

    private static final String PROVINCES = "京沪粤浙苏川鄂湘鲁豫";
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    /** Departures of one resident car per hour at the profile's peak (about one a working day). */
    private static final double DEPARTURES_PER_PEAK_HOUR = 0.3;
    /** Returns of a car that is out, per hour at the profile's peak. */
    private static final double RETURNS_PER_PEAK_HOUR = 0.5;

    /** What a gate keeps across restarts: which resident cars are out, which visitors are in. */
    @KeptAsFields
    static final class State {
        TreeSet<String> residentsOut = new TreeSet<>();
        /** Visitors' cars inside: plate to the time (epoch ms) the car leaves. */
        TreeMap<String, Long> visitors = new TreeMap<>();
    }

    private final String gateId;
    private final String direction;
    private final List<String> residentPlates;
    private final double visitorsPerHour;
    private final double missedReadRate;

    GateTraffic(Params params, String gateId) {
        this.gateId = gateId;
        this.direction = params.text("direction", "both");
        if (!List.of("in", "out", "both").contains(direction)) {
            throw new IllegalArgumentException("device " + params.deviceId() + ": attribute 'direction' must be in, out"
                    + " or both, got '" + direction + "'");
        }
        this.residentPlates = params.list("plates");
        this.visitorsPerHour = params.number("visitorsPerHour", 4, 0, 10_000);
        this.missedReadRate = params.number("missedReadRate", 0.03, 0, 1);
        residentPlates.forEach(plate -> checkPlate(params.deviceId(), plate));
    }

    void advance(State state, Instant from, Instant to, SplittableRandom random, Emitter out) {
        double hours = (to.toEpochMilli() - from.toEpochMilli()) / 3_600_000.0;
        double outFactor = DailyProfile.CARS_OUT.at(to);
        double inFactor = DailyProfile.CARS_IN.at(to);
        for (String plate : residentPlates) {
            boolean isOut = state.residentsOut.contains(plate);
            double rate = isOut ? RETURNS_PER_PEAK_HOUR * inFactor : DEPARTURES_PER_PEAK_HOUR * outFactor;
            if (random.nextDouble() < 1 - Math.exp(-rate * hours)) {
                Instant at = SimRandom.between(random, from, to);
                if (isOut) {
                    state.residentsOut.remove(plate);
                    read(plate, "in", "blue", at, random, out);
                } else {
                    state.residentsOut.add(plate);
                    read(plate, "out", "blue", at, random, out);
                }
            }
        }
        TreeMap<String, Long> staying = new TreeMap<>();
        state.visitors.forEach((plate, leaveMs) -> {
            if (leaveMs <= to.toEpochMilli()) {
                read(plate, "out", "blue", Instant.ofEpochMilli(Math.max(leaveMs, from.toEpochMilli() + 1)), random, out);
            } else {
                staying.put(plate, leaveMs);
            }
        });
        int arrivals = SimRandom.poisson(random, visitorsPerHour * DailyProfile.VISITORS.at(to) * hours);
        for (int i = 0; i < arrivals; i++) {
            String plate = visitorPlate(random);
            Instant at = SimRandom.between(random, from, to);
            read(plate, "in", "blue", at, random, out);
            long stayMs = (long) (-Math.log(1 - random.nextDouble()) * 2 * 3_600_000); // 2 h on average
            staying.put(plate, at.toEpochMilli() + 600_000 + stayMs);
        }
        state.visitors = staying;
    }

    private void read(String plate, String way, String color, Instant at, SplittableRandom random, Emitter out) {
        if (!direction.equals("both") && !direction.equals(way)) {
            return;
        }
        boolean missed = random.nextDouble() < missedReadRate;
        Map<String, Object> event = Payloads.event("plate_read", "direction", way, "gateId", gateId);
        event.put("plate", missed ? null : plate);
        event.put("confidence", missed ? 0 : round(0.85 + random.nextDouble() * 0.14));
        if (!missed) {
            event.put("plateColor", plate.length() == 8 ? "green" : color);
        }
        out.event(at, event);
    }

    private static String visitorPlate(SplittableRandom random) {
        StringBuilder plate = new StringBuilder();
        plate.append(PROVINCES.charAt(random.nextInt(PROVINCES.length())));
        plate.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        for (int i = 0; i < 5; i++) {
            plate.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return plate.toString();
    }

    /** Refuses a resident plate the platform would refuse, with the catalogue's own reason. */
    private static void checkPlate(String deviceId, String plate) {
        byte[] probe = ("{\"kind\":\"plate_read\",\"plate\":\"" + plate.replace("\"", "") + "\",\"direction\":\"in\","
                + "\"gateId\":\"g\",\"confidence\":1}").getBytes(UTF_8);
        try {
            DeviceCatalogue.standard().decode("camera",
                    new DeviceMessage("t", deviceId, Endpoint.EVENT, 1, probe, Instant.now()));
        } catch (ClientError e) {
            throw new IllegalArgumentException("device " + deviceId + ": attribute 'plates' holds '" + plate + "': "
                    + e.getMessage());
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
