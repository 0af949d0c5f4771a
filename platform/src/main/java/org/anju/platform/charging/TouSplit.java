package org.anju.platform.charging;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits a charging session's energy across the tiers of the tariffs in force: pure, no I/O.
 * <p>
 * The energy register is known at the start ({@code meterStart}), at the stop ({@code meterStop})
 * and at the meter values sent in between. Between two known readings it is taken to grow
 * <em>linearly in time</em>; its value at a half-hour slot boundary (local time in {@code zone})
 * is interpolated from the readings on either side and rounded half-up to the milliwatt-hour.
 * The energy of a slot is the register at its end minus the register at its start, clipped to the
 * session; so the slots' energies add up exactly to {@code meterStop − meterStart}. Each slot
 * takes the tariff in force at its start (or the session's start, in the first slot) and that
 * tariff's tier for the slot; energies add up per (tariff, tier) into one line, whose cost is
 * {@code kWh × (electricity + service rate)} rounded half-up to whole fen, once per line.
 */
public final class TouSplit {

    private static final Duration SLOT = Duration.ofMinutes(30);
    private static final int WH_SCALE = 3;
    private static final BigDecimal WH_PER_KWH = BigDecimal.valueOf(1000);

    private final ZoneId zone;

    /** @param zone the zone of the tariff's local day (Asia/Shanghai by default) */
    public TouSplit(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Returns whether the register ever went backwards: from the start through the meter values to
     * the stop, in time order.
     */
    public static boolean meterWentBackwards(List<MeterReading> readings) {
        List<MeterReading> inOrder = readings.stream().sorted(Comparator.comparing(MeterReading::ts)).toList();
        for (int i = 1; i < inOrder.size(); i++) {
            if (inOrder.get(i).wh().compareTo(inOrder.get(i - 1).wh()) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits the energy between {@code start} and {@code stop}.
     *
     * @param readings the start reading, the meter values between, and the stop reading (any order);
     *                 readings outside [start, stop] are ignored
     * @param tariffs  the tariffs, any order; the one in force at an instant is the latest whose
     *                 {@code effectiveFrom} is not after it
     * @return the lines in the order their tier was first used
     * @throws IllegalArgumentException when the register went backwards, the stop precedes the start,
     *                                  or no tariff is in force at some slot
     */
    public List<TierLine> split(Instant start, Instant stop, List<MeterReading> readings, List<TouTariff> tariffs) {
        if (stop.isBefore(start)) {
            throw new IllegalArgumentException("the session stops at " + stop + " before it starts at " + start);
        }
        List<MeterReading> points = readings.stream()
                .filter(r -> !r.ts().isBefore(start) && !r.ts().isAfter(stop))
                .sorted(Comparator.comparing(MeterReading::ts))
                .toList();
        if (points.isEmpty() || !points.getFirst().ts().equals(start) || !points.getLast().ts().equals(stop)) {
            throw new IllegalArgumentException("readings at the session's start and stop are required");
        }
        if (meterWentBackwards(points)) {
            throw new IllegalArgumentException("the energy register went backwards");
        }
        List<TouTariff> byDate = tariffs.stream().sorted(Comparator.comparing(TouTariff::effectiveFrom)).toList();
        Map<String, Accumulated> lines = new LinkedHashMap<>();
        ZonedDateTime slotStart = slotOf(start);
        BigDecimal before = register(points, start);
        Instant from = start;
        do {
            Instant slotEnd = slotStart.plus(SLOT).toInstant();
            Instant to = slotEnd.isBefore(stop) ? slotEnd : stop;
            BigDecimal after = register(points, to);
            TouTariff tariff = inForce(byDate, from);
            Tier tier = tariff.tierAt(slotStart.toLocalTime());
            lines.computeIfAbsent(tariff.id() + '\0' + tier.wireName(), k -> new Accumulated(tariff, tier))
                    .add(after.subtract(before));
            before = after;
            from = to;
            slotStart = slotStart.plus(SLOT);
        } while (from.isBefore(stop));
        List<TierLine> result = new ArrayList<>(lines.size());
        for (Accumulated line : lines.values()) {
            BigDecimal rate = line.tariff.rate(line.tier).fenPerKwh();
            long cost = line.wh.multiply(rate).divide(WH_PER_KWH, 0, RoundingMode.HALF_UP).longValueExact();
            result.add(new TierLine(line.tariff.id(), line.tier, line.wh, rate, cost));
        }
        return result;
    }

    private static final class Accumulated {
        final TouTariff tariff;
        final Tier tier;
        BigDecimal wh = BigDecimal.ZERO.setScale(WH_SCALE);

        Accumulated(TouTariff tariff, Tier tier) {
            this.tariff = tariff;
            this.tier = tier;
        }

        void add(BigDecimal energy) {
            wh = wh.add(energy);
        }
    }

    /** The half-hour slot of the local day that contains {@code t}. */
    private ZonedDateTime slotOf(Instant t) {
        ZonedDateTime hour = t.atZone(zone).truncatedTo(ChronoUnit.HOURS);
        return t.atZone(zone).getMinute() >= 30 ? hour.plus(SLOT) : hour;
    }

    private static TouTariff inForce(List<TouTariff> byDate, Instant at) {
        Optional<TouTariff> found = Optional.empty();
        for (TouTariff t : byDate) {
            if (!t.effectiveFrom().isAfter(at)) {
                found = Optional.of(t);
            }
        }
        return found.orElseThrow(() -> new IllegalArgumentException("no EV tariff in force at " + at));
    }

    /** The register at {@code t}, interpolated linearly between the readings around it. */
    private static BigDecimal register(List<MeterReading> points, Instant t) {
        MeterReading below = points.getFirst();
        for (MeterReading p : points) {
            if (p.ts().isAfter(t)) {
                long span = Duration.between(below.ts(), p.ts()).toNanos();
                long part = Duration.between(below.ts(), t).toNanos();
                BigDecimal grown = p.wh().subtract(below.wh()).multiply(BigDecimal.valueOf(part))
                        .divide(BigDecimal.valueOf(span), MathContext.DECIMAL128);
                return below.wh().add(grown).setScale(WH_SCALE, RoundingMode.HALF_UP);
            }
            below = p;
        }
        return below.wh().setScale(WH_SCALE, RoundingMode.HALF_UP);
    }
}
