package org.anju.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ServerError;

/** The bounded password pool refuses at once when its threads and queue are full, and never waits. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PasswordChecksTest {

    @Test
    void whenTheThreadAndTheQueueAreBusyNewWorkIsRefusedAtOnceWithARetryable503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try (PasswordChecks checks = new PasswordChecks(1, 1)) {
            CompletableFuture<String> busy = checks.submit(() -> {
                running.countDown();
                release.await();
                return "first";
            });
            running.await();
            CompletableFuture<String> queued = checks.submit(() -> "second");

            CompletableFuture<String> refused = checks.submit(() -> "third");

            assertThat(refused).isCompletedExceptionally();
            ExecutionException failure = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                    refused::get);
            assertThat(failure.getCause()).isInstanceOf(ServerError.class).hasMessageContaining("too many log-ins");
            assertThat(((ServerError) failure.getCause()).code()).isEqualTo(503);
            assertThat(((ServerError) failure.getCause()).isRetryable()).isTrue();
            release.countDown();
            assertThat(busy.get()).isEqualTo("first");
            assertThat(queued.get()).isEqualTo("second");
            assertThat(checks.submit(() -> "after").get()).as("free again").isEqualTo("after");
        }
    }

    @Test
    void theWorksFailureIsTheFuturesFailure() {
        try (PasswordChecks checks = new PasswordChecks(1, 0)) {
            CompletableFuture<String> failed = checks.submit(() -> {
                throw new IllegalStateException("boom");
            });

            assertThat(failed).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(IllegalStateException.class);
        }
    }
}
