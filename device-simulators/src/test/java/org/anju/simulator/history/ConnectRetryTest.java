package org.anju.simulator.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * How a backfilling device connects: retries after failed or unanswered attempts, with the
 * devices' own jittered back-off between them, recorded instead of slept.
 */
class ConnectRetryTest {

    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void devicesCutOffTogetherDoNotReconnectTogether() throws Exception {
        // regression of 04b2ec8: the backfill waited its own doubling delay, 0.5 s, 1 s, 2 s ..., the
        // same for every device, so a gateway that dropped them all got them all back at once
        int devices = 20;
        List<List<Duration>> delays = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            List<Duration> slept = new ArrayList<>();
            ConnectRetry retry = new ConnectRetry(slept::add, ATTEMPT_TIMEOUT);
            String device = "elm-court-lift-" + d;
            assertThatThrownBy(() -> retry.connect(device, ConnectRetryTest::refused)).isInstanceOf(IOException.class);
            delays.add(slept);
        }
        for (int retry = 0; retry < ConnectRetry.MAX_RETRIES; retry++) {
            long full = 500L << retry;
            Set<Duration> distinct = new HashSet<>();
            for (List<Duration> slept : delays) {
                assertThat(slept.get(retry).toMillis()).as("retry %d", retry).isBetween(full / 2, full);
                distinct.add(slept.get(retry));
            }
            assertThat(distinct).as("delays of retry %d over %d devices", retry, devices).hasSizeGreaterThan(devices / 2);
        }
    }

    @Test
    void retriesUntilConnectedWaitingOnlyBetweenAttempts() throws Exception {
        List<Duration> slept = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        new ConnectRetry(slept::add, ATTEMPT_TIMEOUT).connect("dev-1",
                () -> attempts.incrementAndGet() <= 2 ? refused() : CompletableFuture.completedFuture(null));
        assertThat(attempts).hasValue(3);
        assertThat(slept).hasSize(2);
        assertThat(slept.get(1)).as("the back-off grows").isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void givesUpAfterFiveRetriesNamingTheDeviceAndTheFailure() {
        List<Duration> slept = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        ConnectRetry retry = new ConnectRetry(slept::add, ATTEMPT_TIMEOUT);
        assertThatThrownBy(() -> retry.connect("dev-1", () -> {
            attempts.incrementAndGet();
            return refused();
        })).isInstanceOf(IOException.class).hasMessage("device dev-1 could not connect: Connection refused");
        assertThat(attempts).hasValue(1 + ConnectRetry.MAX_RETRIES);
        assertThat(slept).hasSize(ConnectRetry.MAX_RETRIES);
    }

    @Test
    void anUnansweredAttemptCountsAsFailed() {
        List<Duration> slept = new ArrayList<>();
        ConnectRetry retry = new ConnectRetry(slept::add, Duration.ofMillis(1));
        assertThatThrownBy(() -> retry.connect("dev-1", CompletableFuture::new))
                .isInstanceOf(IOException.class).hasMessage("device dev-1 could not connect: timeout");
        assertThat(slept).hasSize(ConnectRetry.MAX_RETRIES);
    }

    private static CompletableFuture<Void> refused() {
        return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
    }
}
