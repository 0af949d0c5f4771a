package org.anju.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import org.anju.error.ServerError;

class PasswordHasherTest {

    /** Slow enough (about a quarter of a second a check) that three checks are submitted long before the first ends. */
    private static final int SLOW_COST = 12;

    private static final Duration NO_LIMIT = Duration.ofHours(1);

    @Test
    void checksRunOnTheBoundedPoolAndFailAtOnceAsBusyWhenItIsFull() throws Exception {
        try (PasswordHasher hasher = new PasswordHasher(SLOW_COST, 1, 1, NO_LIMIT)) {
            String hash = hasher.hash("a-device-secret-1");

            Future<Boolean> running = hasher.verify("a-device-secret-1", hash);
            Future<Boolean> waiting = hasher.verify("wrong", hash);
            Future<Boolean> refused = hasher.verify("a-device-secret-1", hash);

            assertThat(refused.failed()).as("answered at once, not queued").isTrue();
            assertThat(refused.cause()).isInstanceOfSatisfying(ServerError.class, e -> {
                assertThat(e.code()).isEqualTo(503);
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getMessage()).contains("busy");
            });
            assertThat(running.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void aCheckThatWouldWaitLongerThanTheMaximumIsRefusedAtOnce() throws Exception {
        // one thread: the first check runs, the second waits behind it, the third would wait behind both
        try (PasswordHasher hasher = new PasswordHasher(SLOW_COST, 1, 100, Duration.ofMillis(1))) {
            String hash = hasher.hash("a-device-secret-1");

            Future<Boolean> running = hasher.verify("a-device-secret-1", hash);
            Future<Boolean> waiting = hasher.verify("a-device-secret-1", hash);
            assertThat(hasher.admits()).isFalse();
            Future<Boolean> refused = hasher.verify("a-device-secret-1", hash);

            assertThat(refused.failed()).as("the queue has room, the wait is too long").isTrue();
            assertThat(refused.cause()).isInstanceOfSatisfying(ServerError.class, e -> assertThat(e.code()).isEqualTo(503));
            assertThat(running.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(hasher.admits()).as("nothing waits any more").isTrue();
        }
    }

    @Test
    void aMissingHashCostsACheckAndSaysNo() throws Exception {
        try (PasswordHasher hasher = new PasswordHasher(4, 1, 4, NO_LIMIT)) {
            assertThat(hasher.verify("anything-at-all", null).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(hasher.matches("anything-at-all", "not a bcrypt hash")).isFalse();
        }
    }

    @Test
    void secretsOverBcrypts72BytesAreRefusedNotCut() {
        try (PasswordHasher hasher = new PasswordHasher(4, 1, 4, NO_LIMIT)) {
            String fits = "s".repeat(72);
            String hash = hasher.hash(fits);

            assertThat(PasswordHasher.fits("密".repeat(24))).as("72 bytes").isTrue();
            assertThat(PasswordHasher.fits("密".repeat(25))).as("75 bytes in 25 characters").isFalse();
            assertThatThrownBy(() -> hasher.hash(fits + "s")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("72 bytes");
            assertThat(hasher.matches(fits, hash)).isTrue();
            assertThat(hasher.matches(fits + "more", hash)).as("bcrypt would have ignored the rest").isFalse();
        }
    }
}
