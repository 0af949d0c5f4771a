package org.anju.simulator.scenario;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The scenario's sense of time: what time it is and waiting until a moment. Tests give one whose
 * waiting moves a controlled clock instead of sleeping.
 */
public interface Pacer {

    Instant now();

    /** Returns once {@code moment} has come (at once when it has already). */
    void waitUntil(Instant moment) throws InterruptedException;

    /** Real time on the clock. */
    static Pacer of(Clock clock) {
        return new Pacer() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void waitUntil(Instant moment) throws InterruptedException {
                for (Duration left = Duration.between(clock.instant(), moment); left.isPositive();
                        left = Duration.between(clock.instant(), moment)) {
                    Thread.sleep(left.toMillis(), (int) (left.toNanosPart() % 1_000_000));
                }
            }
        };
    }
}
