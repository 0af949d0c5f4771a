package org.anju.simulator.behaviour;

import static org.anju.simulator.behaviour.BehavioursTest.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

/**
 * Wear and drift (docs/simulators.md "Wear and drift"): each worn model's trend exists with the
 * slope its parameters document, within a tolerance; a healthy device of the same type shows none.
 * Every run is seeded by the device id and the step times, so each assertion sees the same data
 * on every run.
 */
class WearTest {

    private static final double DAY_MS = 86_400_000.0;
    private static final List<String> WEAR_CODES = List.of("02", "14");

    @Test
    void wornElevatorDoorFaultsRiseWithDoorCyclesAtTheDocumentedRateAndAHealthyCarHasNone() {
        Map<String, String> worn = Map.of("doorWearFaultsPer10kCycles", "5", "doorWearOnsetCycles", "20000",
                "faultsPerYear", "0", "entrapmentsPerYear", "0");
        Recorder recorder = new Recorder("elevator").run(Recorder.behaviour("elevator", worn), MONDAY,
                MONDAY.plus(Duration.ofDays(70)), Duration.ofMinutes(10));

        // the documented rate, integrated over the recorded door cycles: 5 a week per 10,000 past the onset
        List<Recorder.Emission> telemetry = recorder.telemetry();
        long start = telemetry.getFirst().number("doorCycles").longValue();
        double expected = 0;
        for (int i = 1; i < telemetry.size(); i++) {
            long past = telemetry.get(i).number("doorCycles").longValue() - start - 20_000;
            double weeks = Duration.between(telemetry.get(i - 1).ts(), telemetry.get(i).ts()).toMillis() / (7 * DAY_MS);
            expected += 5 * Math.max(0, past) / 10_000.0 * weeks;
        }
        List<Recorder.Emission> doorFaults = recorder.events("fault").stream()
                .filter(f -> WEAR_CODES.contains(f.payload().get("code"))).toList();
        assertThat(expected).as("the door wears enough to be measured").isGreaterThan(100);
        assertThat((double) doorFaults.size()).isCloseTo(expected, within(expected * 0.2));
        // weekly counts rise: the last two weeks have several times the faults of weeks 3 and 4
        int[] weekly = perWeek(doorFaults, 10);
        assertThat(weekly[8] + weekly[9]).isGreaterThan(2 * (weekly[2] + weekly[3]));
        assertThat(recorder.events("back_to_normal")).hasSameSizeAs(doorFaults);

        Recorder healthy = new Recorder("elevator").run(Recorder.behaviour("elevator", Map.of()), MONDAY,
                MONDAY.plus(Duration.ofDays(70)), Duration.ofMinutes(10));
        // only the rare common faults (6 a year, some of them door codes): no rising weekly count
        assertThat(healthy.events("fault")).hasSizeLessThan(6);
        assertThat(java.util.Arrays.stream(perWeek(healthy.events("fault"), 10)).max().orElseThrow()).isLessThanOrEqualTo(2);
    }

    @Test
    void aWornOutDoorFailsOutOfServiceAndItsRepairServicesTheDoors() {
        Map<String, String> worn = Map.of("doorWearFaultsPer10kCycles", "2", "doorWearOnsetCycles", "10000",
                "doorFailureCycles", "30000", "faultsPerYear", "0", "entrapmentsPerYear", "0");
        Recorder recorder = new Recorder("elevator").run(Recorder.behaviour("elevator", worn), MONDAY,
                MONDAY.plus(Duration.ofDays(60)), Duration.ofMinutes(10));

        List<Recorder.Emission> failures = recorder.events("fault").stream()
                .filter(f -> "03".equals(f.payload().get("code"))).toList();
        assertThat(failures).isNotEmpty();
        Instant failed = failures.getFirst().ts();
        long cyclesAtFailure = recorder.telemetry().stream().filter(t -> !t.ts().isAfter(failed))
                .reduce((a, b) -> b).orElseThrow().number("doorCycles").longValue();
        long first = recorder.telemetry().getFirst().number("doorCycles").longValue();
        assertThat(cyclesAtFailure - first).isBetween(40_000L - 2_000, 40_000L + 2_000);
        // serviced: the next days have no wear faults until the onset is passed again
        Instant serviced = failed.plus(Duration.ofHours(3));
        assertThat(recorder.events("fault").stream().filter(f -> f.ts().isAfter(serviced)
                && f.ts().isBefore(serviced.plus(Duration.ofDays(5))))).isEmpty();
    }

    @Test
    void aDoorWearIncidentWearsAHealthyCarsDoorsFromThenOnUntilTheRepair() {
        Behaviour elevator = Recorder.behaviour("elevator", Map.of("faultsPerYear", "0", "entrapmentsPerYear", "0"));
        Recorder before = new Recorder("elevator").run(elevator, MONDAY, MONDAY.plus(Duration.ofDays(7)),
                Duration.ofMinutes(10));
        assertThat(before.events("fault")).isEmpty();

        Instant worn = MONDAY.plus(Duration.ofDays(7));
        elevator.inject(new org.anju.simulator.incident.Incident(org.anju.simulator.incident.IncidentKind.DOOR_WEAR,
                Duration.ZERO, Map.of("faultsPer10kCycles", "5", "cyclesPastOnset", "20000", "failureCycles", "40000")),
                worn, before);
        Recorder after = new Recorder("elevator").run(elevator, worn.plus(Duration.ofMinutes(10)),
                worn.plus(Duration.ofDays(28)), Duration.ofMinutes(10));

        // 10 a week at once (5 per 10,000 × 20,000 past the onset), rising; the door fails 20,000 cycles on
        int[] weekly = perWeek(after.events("fault").stream().filter(f -> WEAR_CODES.contains(f.payload().get("code")))
                .toList(), 5);
        assertThat(weekly[1]).isBetween(6, 25);
        assertThat(after.events("fault")).anySatisfy(f -> assertThat(f.payload().get("code")).isEqualTo("03"));
        Instant failed = after.events("fault").stream().filter(f -> "03".equals(f.payload().get("code"))).findFirst()
                .orElseThrow().ts();
        // the repair replaced the worn doors: no wear faults afterwards
        assertThat(after.events("fault")).filteredOn(f -> f.ts().isAfter(failed)).isEmpty();
    }

    @Test
    void aShortLivedDetectorBatteryRunsDownAtTheDocumentedSlope() {
        Recorder recorder = new Recorder("smoke_detector").run(Recorder.behaviour("smoke_detector",
                Map.of("batteryLifeDays", "400", "falseAlarmsPerYear", "0")), MONDAY, MONDAY.plus(Duration.ofDays(120)),
                Duration.ofHours(1));

        // 100 % over 400 days: -0.25 % a day
        assertThat(slopePerDay(recorder.telemetry(), t -> t.number("battery").doubleValue())).isCloseTo(-0.25,
                within(0.025));
    }

    @Test
    void aDustyChamberDriftsAtTheDocumentedSlopeAndACleanOneDoesNot() {
        Recorder dusty = new Recorder("smoke_detector").run(Recorder.behaviour("smoke_detector",
                Map.of("dustDriftPerMonth", "0.06", "falseAlarmsPerYear", "0")), MONDAY, MONDAY.plus(Duration.ofDays(90)),
                Duration.ofHours(1));
        Recorder clean = new Recorder("smoke_detector").run(Recorder.behaviour("smoke_detector",
                Map.of("dustDriftPerMonth", "0", "falseAlarmsPerYear", "0")), MONDAY, MONDAY.plus(Duration.ofDays(90)),
                Duration.ofHours(1));

        // 0.06 %/m a month: 0.002 a day
        assertThat(slopePerDay(dusty.telemetry(), t -> t.number("smokeConcentration").doubleValue())).isCloseTo(0.002,
                within(0.0002));
        assertThat(slopePerDay(clean.telemetry(), t -> t.number("smokeConcentration").doubleValue())).isCloseTo(0,
                within(0.00005));
    }

    @Test
    void aDiskThatIsNotOverwrittenFillsAtTheRecordingRateAndAHealthyOneHoldsItsLevel() {
        Map<String, String> common = Map.of("storageTotalBytes", "8000000000000", "outagesPerMonth", "0",
                "tampersPerYear", "0");
        Map<String, String> filling = new TreeMap<>(common);
        filling.put("overwrite", "false");
        Recorder full = new Recorder("camera").run(Recorder.behaviour("camera", filling), MONDAY,
                MONDAY.plus(Duration.ofDays(20)), Duration.ofHours(1));
        Recorder healthy = new Recorder("camera").run(Recorder.behaviour("camera", common), MONDAY,
                MONDAY.plus(Duration.ofDays(20)), Duration.ofHours(1));

        // 4 Mbit/s: 43.2 GB a day
        assertThat(slopePerDay(full.telemetry(), t -> t.number("storageUsedBytes").doubleValue())).isCloseTo(43.2e9,
                within(0.5e9));
        assertThat(healthy.telemetry()).allSatisfy(t -> assertThat(t.number("storageUsedBytes").longValue())
                .isEqualTo(6_400_000_000_000L));
    }

    @Test
    void aWornConnectorWarmsWithEverySessionAndAHealthyOneDoesNot() {
        Recorder worn = new Recorder("ev_charger").run(Recorder.behaviour("ev_charger",
                Map.of("temperatureCreepPerSession", "0.2", "faultsPerYear", "0")), MONDAY, MONDAY.plus(Duration.ofDays(60)),
                Duration.ofMinutes(5));
        Recorder healthy = new Recorder("ev_charger").run(Recorder.behaviour("ev_charger", Map.of("faultsPerYear", "0")),
                MONDAY, MONDAY.plus(Duration.ofDays(60)), Duration.ofMinutes(5));

        // the daily highest reading rises by 0.2 °C a session
        double sessionsPerDay = worn.events("session_started").size() / 60.0;
        assertThat(sessionsPerDay).isGreaterThan(1);
        assertThat(slopePerDay(dailyMax(worn), t -> t.number("t").doubleValue())).isCloseTo(0.2 * sessionsPerDay,
                within(0.2 * sessionsPerDay * 0.2));
        assertThat(slopePerDay(dailyMax(healthy), t -> t.number("t").doubleValue())).isCloseTo(0, within(0.02));
    }

    /** The events per week from {@link BehavioursTest#MONDAY}. */
    private static int[] perWeek(List<Recorder.Emission> events, int weeks) {
        int[] counts = new int[weeks];
        for (Recorder.Emission e : events) {
            int week = (int) (Duration.between(MONDAY, e.ts()).toMillis() / (7 * DAY_MS));
            if (week < weeks) {
                counts[week]++;
            }
        }
        return counts;
    }

    /** The highest connector temperature of each day, as emissions with field {@code t}. */
    @SuppressWarnings("unchecked")
    private static List<Recorder.Emission> dailyMax(Recorder recorder) {
        TreeMap<Long, Double> max = new TreeMap<>();
        for (Recorder.Emission e : recorder.telemetry()) {
            double t = ((Number) ((Map<String, Object>) e.payload().get("meterValues")).get("Temperature")).doubleValue();
            max.merge((long) (Duration.between(MONDAY, e.ts()).toMillis() / DAY_MS), t, Math::max);
        }
        List<Recorder.Emission> days = new ArrayList<>();
        max.forEach((day, t) -> days.add(new Recorder.Emission(MONDAY.plus(Duration.ofDays(day)), false, Map.of("t", t))));
        return days;
    }

    /** The least-squares slope of a value over time, per day. */
    private static double slopePerDay(List<Recorder.Emission> points, ToDoubleFunction<Recorder.Emission> value) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Recorder.Emission p : points) {
            double x = Duration.between(MONDAY, p.ts()).toMillis() / DAY_MS;
            double y = value.applyAsDouble(p);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
