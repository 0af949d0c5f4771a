package org.anju.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import org.anju.error.ServerError;

class PasswordHasherTest {

    /** Slow enough (about a quarter of a second a check) that three checks are submitted long before the first ends. */
    private static final int SLOW_COST = 12;

    @Test
    void checksRunOnTheBoundedPoolAndFailAtOnceAsBusyWhenItIsFull() throws Exception {
        try (PasswordHasher hasher = new PasswordHasher(SLOW_COST, 1, 1)) {
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
    void aMissingHashCostsACheckAndSaysNo() throws Exception {
        try (PasswordHasher hasher = new PasswordHasher(4, 1, 4)) {
            assertThat(hasher.verify("anything-at-all", null).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(hasher.matches("anything-at-all", "not a bcrypt hash")).isFalse();
        }
    }

    @Test
    void secretsOverBcrypts72BytesAreRefusedNotCut() {
        try (PasswordHasher hasher = new PasswordHasher(4, 1, 4)) {
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
