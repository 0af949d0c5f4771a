package org.anju.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plain first models per device type: values in realistic ranges, counters that only grow and a
 * daily rhythm where one is obvious (elevators busy at rush hours, chargers overnight).
 */
final class TelemetryModels {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private TelemetryModels() {
    }

    static TelemetryModel forType(String type, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return switch (type) {
            case "elevator" -> new Elevator(random);
            case "smoke_detector" -> new SmokeDetector(random);
            case "camera" -> new Camera(random);
            case "parcel_locker" -> new ParcelLocker(random);
            case "ev_charger" -> new EvCharger(random);
            case "fire_panel" -> new FirePanel(random);
            default -> throw new IllegalArgumentException("no telemetry model for device type '" + type + "'");
        };
    }

    private static int hourOfDay(Instant now) {
        return now.atZone(CHINA).getHour();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static final class Elevator implements TelemetryModel {
        private final SplittableRandom random;
        private long trips;
        private long doorCycles;
        private int floor = 1;

        Elevator(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public Map<String, Object> next(Instant now) {
            int hour = hourOfDay(now);
            boolean rush = (hour >= 7 && hour <= 9) || (hour >= 17 && hour <= 19);
            int newTrips = random.nextInt(rush ? 6 : 2);
            trips += newTrips;
            doorCycles += newTrips * 2L;
            int target = 1 + random.nextInt(18);
            boolean moving = newTrips > 0 && target != floor;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("floor", floor);
            m.put("moving", moving);
            m.put("direction", moving ? Integer.signum(target - floor) : 0);
            m.put("doorOpen", !moving && random.nextInt(4) == 0);
            m.put("passengers", moving || random.nextInt(3) == 0);
            m.put("trips", trips);
            m.put("doorCycles", doorCycles);
            m.put("speed", moving ? round(1.0 + random.nextDouble() * 0.5, 2) : 0.0);
            floor = target;
            return m;
        }
    }

    private static final class SmokeDetector implements TelemetryModel {
        private final SplittableRandom random;
        private double battery;

        SmokeDetector(SplittableRandom random) {
            this.random = random;
            this.battery = 70 + random.nextInt(30);
        }

        @Override
        public Map<String, Object> next(Instant now) {
            battery = Math.max(0, battery - random.nextDouble() * 0.01);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("battery", round(battery, 1));
            m.put("smoke", round(0.01 + random.nextDouble() * 0.02, 3));
            m.put("temperature", round(18 + random.nextDouble() * 8, 1));
            m.put("signal", -60 - random.nextInt(40));
            return m;
        }
    }

    private static final class Camera implements TelemetryModel {
        private final SplittableRandom random;
        private double storageUsed;

        Camera(SplittableRandom random) {
            this.random = random;
            this.storageUsed = 20 + random.nextInt(50);
        }

        @Override
        public Map<String, Object> next(Instant now) {
            storageUsed = storageUsed >= 95 ? 60 : storageUsed + random.nextDouble() * 0.05;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("storageUsedPct", round(storageUsed, 2));
            m.put("temperature", round(30 + random.nextDouble() * 15, 1));
            m.put("bitrateKbps", 2048 + random.nextInt(2048));
            return m;
        }
    }

    private static final class ParcelLocker implements TelemetryModel {
        private static final int COMPARTMENTS = 48;
        private final SplittableRandom random;
        private int occupied;

        ParcelLocker(SplittableRandom random) {
            this.random = random;
            this.occupied = random.nextInt(COMPARTMENTS / 2);
        }

        @Override
        public Map<String, Object> next(Instant now) {
            int hour = hourOfDay(now);
            int change = hour < 14 ? random.nextInt(3) : -random.nextInt(3);
            occupied = Math.max(0, Math.min(COMPARTMENTS, occupied + change));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("compartments", COMPARTMENTS);
            m.put("occupied", occupied);
            m.put("doorsOpen", random.nextInt(10) == 0 ? 1 : 0);
            m.put("temperature", round(15 + random.nextDouble() * 10, 1));
            return m;
        }
    }

    private static final class EvCharger implements TelemetryModel {
        private final SplittableRandom random;
        private double energyWh;
        private Instant last;

        EvCharger(SplittableRandom random) {
            this.random = random;
            this.energyWh = random.nextInt(1_000_000);
        }

        @Override
        public Map<String, Object> next(Instant now) {
            int hour = hourOfDay(now);
            boolean charging = hour >= 22 || hour < 6 ? random.nextInt(10) < 8 : random.nextInt(10) < 3;
            double powerKw = charging ? round(6.0 + random.nextDouble() * 1.0, 2) : 0.0;
            if (last != null) {
                energyWh += powerKw * 1000 * (now.toEpochMilli() - last.toEpochMilli()) / 3_600_000.0;
            }
            last = now;
            double voltage = round(220 + random.nextDouble() * 10 - 5, 1);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("charging", charging);
            m.put("powerKw", powerKw);
            m.put("energyWh", Math.round(energyWh));
            m.put("voltage", voltage);
            m.put("current", round(powerKw * 1000 / voltage, 1));
            m.put("temperature", round(25 + (charging ? 10 : 0) + random.nextDouble() * 5, 1));
            return m;
        }
    }

    private static final class FirePanel implements TelemetryModel {
        private final SplittableRandom random;

        FirePanel(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public Map<String, Object> next(Instant now) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fireAlarms", 0);
            m.put("faults", random.nextInt(50) == 0 ? 1 : 0);
            m.put("mainPowerOk", true);
            m.put("backupPowerOk", true);
            m.put("linkOk", true);
            return m;
        }
    }
}
