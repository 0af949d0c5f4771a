package org.anju.simulator.history;

import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.anju.simulator.device.Backoff;

/**
 * Connects a backfilling device, retrying a failed or unanswered connect up to
 * {@link #MAX_RETRIES} times with the devices' own back-off: 0.5 s doubling to 30 s, each delay
 * drawn per device between half and all of that, so that devices cut off together do not come
 * back together.
 */
final class ConnectRetry {

    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    static final int MAX_RETRIES = 5;

    /** Waits between attempts ({@code Thread::sleep} when backfilling). */
    interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final Sleeper sleeper;
    private final Duration attemptTimeout;

    /**
     * @param sleeper        waits out each back-off delay
     * @param attemptTimeout how long one connect attempt may go unanswered before it counts as failed
     */
    ConnectRetry(Sleeper sleeper, Duration attemptTimeout) {
        this.sleeper = sleeper;
        this.attemptTimeout = attemptTimeout;
    }

    /**
     * Connects, starting a new attempt after each failure.
     *
     * @throws IOException naming the device and the last failure when every attempt failed
     */
    void connect(String deviceId, Supplier<CompletableFuture<Void>> attempt) throws IOException, InterruptedException {
        for (int retry = 0; ; retry++) {
            try {
                attempt.get().get(attemptTimeout.toNanos(), TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (retry >= MAX_RETRIES) {
                    throw new IOException("device " + deviceId + " could not connect: "
                            + (e.getCause() != null ? e.getCause().getMessage() : "timeout"));
                }
                // seeded per device and attempt: the spread is the same on every run
                sleeper.sleep(BACKOFF.delay(retry, new SplittableRandom(deviceId.hashCode() + retry)));
            }
        }
    }
}
