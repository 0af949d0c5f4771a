package org.anju.simulator.behaviour;

import static org.anju.simulator.behaviour.BehavioursTest.MONDAY;
import static org.anju.simulator.behaviour.BehavioursTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** What each model is for: rhythms by hour, counters, batteries, registers, plates, parcels. */
class ModelsTest {

    private static final Instant WEEK_END = MONDAY.plus(Duration.ofDays(5));

    @Test
    void elevatorTripsPeakInTheMorningAndNeverGoDown() {
        Recorder recorder = new Recorder("elevator")
                .run(Recorder.behaviour("elevator", Map.of()), MONDAY, WEEK_END, Duration.ofMinutes(1));
        long eightOClock = 0;
        long threeOClock = 0;
        long previousTrips = -1;
        long previousDoors = -1;
        double previousHours = -1;
        for (Recorder.Emission t : recorder.telemetry()) {
            long trips = t.number("trips").longValue();
            assertThat(trips).isGreaterThanOrEqualTo(previousTrips);
            assertThat(t.number("doorCycles").longValue()).isGreaterThanOrEqualTo(previousDoors);
            assertThat(t.number("runHours").doubleValue()).isGreaterThanOrEqualTo(previousHours);
            int hour = DailyProfile.hour(t.ts());
            if (previousTrips >= 0 && hour == 8) {
                eightOClock += trips - previousTrips;
            } else if (previousTrips >= 0 && hour == 3) {
                threeOClock += trips - previousTrips;
            }
            previousTrips = trips;
            previousDoors = t.number("doorCycles").longValue();
            previousHours = t.number("runHours").doubleValue();
        }
        // the model's range: 60 trips an hour at the peak (x1.0 at 8:00), x0.01 at 3:00
        assertThat(eightOClock).isBetween(5 * 40L, 5 * 80L);
        assertThat(threeOClock).isLessThan(eightOClock / 10);
    }

    @Test
    void elevatorEntrapmentAndFaultsHappenAtTheirRatesAndEnd() {
        Behaviour elevator = Recorder.behaviour("elevator", Map.of("entrapmentsPerYear", "100", "faultsPerYear", "200"));
        Recorder recorder = new Recorder("elevator").run(elevator, MONDAY, MONDAY.plus(Duration.ofDays(30)), Duration.ofMinutes(1));

        assertThat(recorder.events("entrapment")).hasSizeBetween(2, 20);
        assertThat(recorder.events("fault")).hasSizeBetween(5, 40);
        assertThat(recorder.events("back_to_normal").size()).isGreaterThanOrEqualTo(recorder.events("entrapment").size());
    }

    @Test
    void smokeDetectorBatteryOnlyDeclinesOverMonthsAndHeartbeatsTwiceADay() {
        Behaviour detector = Recorder.behaviour("smoke_detector", Map.of());
        Recorder recorder = new Recorder("smoke_detector").run(detector, MONDAY, MONDAY.plus(Duration.ofDays(365)), Duration.ofHours(6));

        double previous = Double.MAX_VALUE;
        for (Recorder.Emission e : recorder.emissions) {
            if (e.payload().get("battery") != null) {
                double battery = e.number("battery").doubleValue();
                assertThat(battery).isLessThanOrEqualTo(previous).isBetween(0.0, 100.0);
                previous = battery;
            }
        }
        double first = recorder.telemetry().getFirst().number("battery").doubleValue();
        // a 3-year battery loses about a third a year
        assertThat(first - previous).isBetween(25.0, 45.0);
        assertThat(recorder.events("heartbeat")).hasSizeBetween(2 * 364, 2 * 366);
        double dustStart = recorder.telemetry().getFirst().number("smokeConcentration").doubleValue();
        double dustEnd = recorder.telemetry().getLast().number("smokeConcentration").doubleValue();
        assertThat(dustEnd).isGreaterThan(dustStart);
    }

    @Test
    void smokeDetectorFalseAlarmsAreRareAndClearThemselves() {
        Behaviour detector = Recorder.behaviour("smoke_detector", Map.of("falseAlarmsPerYear", "12"));
        Recorder recorder = new Recorder("smoke_detector").run(detector, MONDAY, MONDAY.plus(Duration.ofDays(365)), Duration.ofHours(1));

        assertThat(recorder.events("alarm")).hasSizeBetween(4, 40);
        assertThat(recorder.events("alarm_cleared")).hasSameSizeAs(recorder.events("alarm"));
    }

    @Test
    void chargerSessionsAreMostlyOvernightWithAMonotonicRegisterAndAPowerCurve() {
        Behaviour charger = Recorder.behaviour("ev_charger", Map.of());
        Recorder recorder = new Recorder("ev_charger").run(charger, MONDAY, MONDAY.plus(Duration.ofDays(14)), Duration.ofMinutes(1));

        double previous = -1;
        double maxPower = 0;
        for (Recorder.Emission t : recorder.telemetry()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meter = (Map<String, Object>) t.payload().get("meterValues");
            double register = ((Number) meter.get("Energy.Active.Import.Register")).doubleValue();
            assertThat(register).isGreaterThanOrEqualTo(previous);
            previous = register;
            maxPower = Math.max(maxPower, ((Number) meter.get("Power.Active.Import")).doubleValue());
        }
        assertThat(maxPower).isBetween(6000.0, 7000.0);
        List<Recorder.Emission> starts = recorder.events("session_started");
        List<Recorder.Emission> stops = recorder.events("session_stopped");
        assertThat(starts).hasSizeGreaterThan(5);
        assertThat(count(starts, 17, 24)).isGreaterThan(count(starts, 0, 17) / 2);
        for (int i = 0; i < stops.size(); i++) {
            assertThat(stops.get(i).number("meterStop").longValue()).isGreaterThan(starts.get(i).number("meterStart").longValue());
            assertThat(stops.get(i).number("transactionId")).isEqualTo(starts.get(i).number("transactionId"));
        }
    }

    @Test
    void lockersFillInTheMorningEmptyInTheEveningAndSomeParcelsGoOverdue() {
        Behaviour locker = Recorder.behaviour("parcel_locker", Map.of());
        Recorder recorder = new Recorder("parcel_locker").run(locker, MONDAY, MONDAY.plus(Duration.ofDays(14)), Duration.ofMinutes(5));

        List<Recorder.Emission> deposits = recorder.events("deposit");
        List<Recorder.Emission> pickups = recorder.events("pickup");
        assertThat(count(deposits, 8, 13)).isGreaterThan(count(deposits, 13, 24) + count(deposits, 0, 8));
        assertThat(count(pickups, 17, 22)).isGreaterThan(count(pickups, 8, 13));
        assertThat(recorder.events("overdue")).isNotEmpty();
        Set<String> codes = deposits.stream().map(d -> (String) d.payload().get("pickupCode")).collect(Collectors.toSet());
        assertThat(pickups).allSatisfy(p -> assertThat(codes).contains((String) p.payload().get("pickupCode")));
    }

    @Test
    void lockerDepositsNameTheEstatesResidentsExceptAShareOfStrangers() {
        Behaviour locker = Recorder.behaviour("parcel_locker", Map.of("recipientPhones", "13900000001,13900000002"));
        Recorder recorder = new Recorder("parcel_locker").run(locker, MONDAY, MONDAY.plus(Duration.ofDays(7)), Duration.ofMinutes(5));

        List<Recorder.Emission> deposits = recorder.events("deposit");
        List<Object> phones = deposits.stream().map(d -> d.payload().get("recipientPhone")).toList();
        assertThat(phones).contains("13900000001", "13900000002", null);
        assertThat(phones.stream().filter(java.util.Objects::isNull).count()).isLessThan(deposits.size() / 3);
        // without phones (an older manifest) no deposit names one
        Recorder plain = new Recorder("parcel_locker").run(Recorder.behaviour("parcel_locker", Map.of()), MONDAY,
                MONDAY.plus(Duration.ofDays(2)), Duration.ofMinutes(5));
        assertThat(plain.events("deposit")).allSatisfy(d -> assertThat(d.payload()).doesNotContainKey("recipientPhone"));
    }

    @Test
    void gateCameraReadsResidentsAndVisitorsWithSomeMissedReads() {
        Behaviour gate = Recorder.behaviour("camera", Map.of("gate", "north-1", "plates", "京A12345,京B54321,粤BD12345",
                "missedReadRate", "0.1"));
        Recorder recorder = new Recorder("camera").run(gate, MONDAY, MONDAY.plus(Duration.ofDays(14)), Duration.ofMinutes(5));

        List<Recorder.Emission> reads = recorder.events("plate_read");
        Set<Object> plates = reads.stream().map(r -> r.payload().get("plate")).collect(Collectors.toSet());
        assertThat(plates).contains("京A12345", "京B54321", "粤BD12345", null);
        assertThat(reads).allSatisfy(r -> assertThat(r.payload().get("gateId")).isEqualTo("north-1"));
        long residentsOutInTheMorning = reads.stream().filter(r -> "京A12345".equals(r.payload().get("plate"))
                && "out".equals(r.payload().get("direction")) && DailyProfile.hour(r.ts()) < 12).count();
        assertThat(residentsOutInTheMorning).isGreaterThan(0);
        assertThat(reads.stream().filter(r -> "in".equals(r.payload().get("direction"))).count())
                .isGreaterThan(reads.size() / 3);
    }

    @Test
    void firePanelReportsDetectorFaultsAndRestoresThem() {
        Behaviour panel = Recorder.behaviour("fire_panel", Map.of("faultsPerYear", "50"));
        Recorder recorder = new Recorder("fire_panel").run(panel, MONDAY, MONDAY.plus(Duration.ofDays(60)), Duration.ofMinutes(10));

        assertThat(recorder.events("fault")).hasSizeGreaterThan(2);
        assertThat(recorder.events("fault_restored").size()).isGreaterThanOrEqualTo(recorder.events("fault").size() - 1);
    }

    @Test
    void cameraDiskWithoutOverwriteFillsUntilFullThenFreesOldFootage() {
        Behaviour camera = Recorder.behaviour("camera", Map.of("storageTotalBytes", "2000000000000", "outagesPerMonth", "0",
                "overwrite", "false"));
        Recorder recorder = new Recorder("camera").run(camera, MONDAY, MONDAY.plus(Duration.ofDays(60)), Duration.ofMinutes(10));

        assertThat(recorder.events("storage_full")).isNotEmpty();
        long first = recorder.telemetry().getFirst().number("storageUsedBytes").longValue();
        long second = recorder.telemetry().get(1).number("storageUsedBytes").longValue();
        assertThat(second).isGreaterThan(first);
    }
}
