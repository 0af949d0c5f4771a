package org.anju.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * First models per device type, publishing the device catalogue's telemetry payloads
 * ({@code docs/device-catalogue.md}): values in realistic ranges, counters that only grow and a
 * daily rhythm where one is obvious (elevators busy at rush hours, chargers overnight, lockers
 * filled in the morning).
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

    /** GB/T 24476 status: traffic by hour, cumulative trips, door cycles and run hours. */
    private static final class Elevator implements TelemetryModel {
        private static final int TOP_FLOOR = 18;
        private final SplittableRandom random;
        private long trips;
        private long doorCycles;
        private double runHours;
        private int floor = 1;
        private Instant last;

        Elevator(SplittableRandom random) {
            this.random = random;
            this.trips = random.nextInt(200_000);
            this.doorCycles = trips * 2;
            this.runHours = trips / 40.0;
        }

        @Override
        public Map<String, Object> next(Instant now) {
            int hour = hourOfDay(now);
            boolean rush = (hour >= 7 && hour <= 9) || (hour >= 17 && hour <= 19);
            int newTrips = random.nextInt(rush ? 6 : 2);
            trips += newTrips;
            doorCycles += newTrips * 2L;
            if (last != null) {
                runHours += newTrips * 40.0 / 3600.0;
            }
            last = now;
            int target = 1 + random.nextInt(TOP_FLOOR);
            boolean running = newTrips > 0 && target != floor;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serviceMode", "normal");
            m.put("running", running);
            m.put("direction", running ? (target > floor ? "up" : "down") : "none");
            m.put("floor", floor);
            m.put("doorZone", !running);
            m.put("doorsClosed", running || random.nextInt(4) != 0);
            m.put("doorsLocked", running);
            m.put("passengerPresent", running || random.nextInt(3) == 0);
            m.put("speed", running ? round(1.0 + random.nextDouble() * 0.75, 2) : 0.0);
            m.put("powerSource", "mains");
            m.put("safetyCircuitClosed", true);
            m.put("machineRoomTemperature", round(22 + random.nextDouble() * 6, 1));
            m.put("trips", trips);
            m.put("doorCycles", doorCycles);
            m.put("runHours", round(runHours, 2));
            m.put("entrapment", false);
            floor = target;
            return m;
        }
    }

    /** A standalone smoke alarm: battery fading slowly, clean air with a little noise. */
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
            m.put("battery", (int) Math.floor(battery));
            m.put("smokeConcentration", round(0.01 + random.nextDouble() * 0.02, 3));
            m.put("temperature", round(18 + random.nextDouble() * 8, 1));
            m.put("signal", -60 - random.nextInt(40));
            return m;
        }
    }

    /** A GB/T 28181 camera keepalive: storage filling until recordings are overwritten. */
    private static final class Camera implements TelemetryModel {
        private static final long CAPACITY = 4L * 1024 * 1024 * 1024 * 1024;
        private final SplittableRandom random;
        private long storageUsed;

        Camera(SplittableRandom random) {
            this.random = random;
            this.storageUsed = CAPACITY / 5 + random.nextLong(CAPACITY / 2);
        }

        @Override
        public Map<String, Object> next(Instant now) {
            storageUsed += random.nextLong(50L * 1024 * 1024);
            if (storageUsed > CAPACITY * 95 / 100) {
                storageUsed = CAPACITY * 60 / 100; // the recorder overwrites its oldest footage
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "OK");
            m.put("storageUsedBytes", storageUsed);
            m.put("storageTotalBytes", CAPACITY);
            m.put("temperature", round(30 + random.nextDouble() * 15, 1));
            return m;
        }
    }

    /** A locker bank: couriers fill it in the morning, residents empty it in the evening. */
    private static final class ParcelLocker implements TelemetryModel {
        private static final String[] SIZES = {"S", "S", "M", "M", "M", "L", "L", "XL"};
        private final SplittableRandom random;
        private final boolean[] occupied = new boolean[24];

        ParcelLocker(SplittableRandom random) {
            this.random = random;
            for (int i = 0; i < occupied.length; i++) {
                occupied[i] = random.nextInt(3) == 0;
            }
        }

        @Override
        public Map<String, Object> next(Instant now) {
            int slot = random.nextInt(occupied.length);
            occupied[slot] = hourOfDay(now) < 14;
            List<Map<String, Object>> compartments = new ArrayList<>();
            for (int i = 0; i < occupied.length; i++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", (char) ('A' + i / 8) + String.format("%02d", i % 8 + 1));
                c.put("size", SIZES[i % SIZES.length]);
                c.put("state", occupied[i] ? "occupied" : "empty");
                compartments.add(c);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("compartments", compartments);
            return m;
        }
    }

    /** An OCPP charger connector: overnight sessions, a monotonic energy register. */
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
            double powerW = charging ? 6000 + random.nextDouble() * 1000 : 0;
            if (last != null) {
                energyWh += powerW * (now.toEpochMilli() - last.toEpochMilli()) / 3_600_000.0;
            }
            last = now;
            double voltage = round(220 + random.nextDouble() * 10 - 5, 1);
            Map<String, Object> meter = new LinkedHashMap<>();
            meter.put("Energy.Active.Import.Register", Math.round(energyWh));
            meter.put("Power.Active.Import", Math.round(powerW));
            meter.put("Current.Import", round(powerW / voltage, 1));
            meter.put("Voltage", voltage);
            meter.put("Temperature", round(25 + (charging ? 10 : 0) + random.nextDouble() * 5, 1));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connectorId", 1);
            m.put("status", charging ? "Charging" : "Available");
            m.put("errorCode", "NoError");
            m.put("meterValues", meter);
            return m;
        }
    }

    /** A building fire panel's UITD status: quiet, with a rare fault. */
    private static final class FirePanel implements TelemetryModel {
        private final SplittableRandom random;

        FirePanel(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public Map<String, Object> next(Instant now) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("testMode", false);
            m.put("fireAlarm", false);
            m.put("fault", random.nextInt(50) == 0);
            m.put("mainPowerFault", false);
            m.put("backupPowerFault", false);
            m.put("linkToCenterFailed", false);
            m.put("monitoringLineFault", false);
            return m;
        }
    }
}
