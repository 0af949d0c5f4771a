package org.anju.simulator.behaviour;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Deterministic randomness for behaviours: the source of a step depends only on the device's seed
 * and the step's time, so a device replays the same history after a restart and tests are exact.
 */
public final class SimRandom {

    private SimRandom() {
    }

    /** Returns the random source of the step of device {@code seed} at {@code now}. */
    public static SplittableRandom at(long seed, Instant now) {
        long mixed = seed * 0x9E3779B97F4A7C15L ^ now.toEpochMilli() * 0xC2B2AE3D27D4EB4FL;
        return new SplittableRandom(mixed);
    }

    /** Returns a seed for a device id, stable across runs and JVMs. */
    public static long seedOf(String deviceId) {
        long h = 1125899906842597L;
        for (int i = 0; i < deviceId.length(); i++) {
            h = 31 * h + deviceId.charAt(i);
        }
        return h;
    }

    /** Draws a Poisson-distributed count with the given mean (Knuth for small means, normal above). */
    public static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            double sample = mean + Math.sqrt(mean) * gaussian(random);
            return (int) Math.max(0, Math.round(sample));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** Draws a standard normal value (Box-Muller). */
    public static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Returns true with the probability that an event of {@code perYear} rate happens within {@code dt}. */
    public static boolean happens(SplittableRandom random, double perYear, Duration dt) {
        double mean = perYear * dt.toMillis() / (365.0 * 24 * 3600 * 1000);
        return random.nextDouble() < 1 - Math.exp(-mean);
    }

    /** Returns a time uniformly within (from, to]. */
    public static Instant between(SplittableRandom random, Instant from, Instant to) {
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        return from.plusMillis(1 + random.nextLong(span));
    }
}
