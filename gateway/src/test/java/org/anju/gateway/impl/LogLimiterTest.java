package org.anju.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LogLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LogLimiter limiter = new LogLimiter(5, TimeUnit.SECONDS, now::get);

    @Test
    void oneLinePerKindPerIntervalThenTheCountOfWhatWasLeftOut() {
        assertThat(limiter.admit("downstream_failed")).isZero();
        for (int i = 0; i < 999; i++) {
            assertThat(limiter.admit("downstream_failed")).isEqualTo(-1);
        }
        assertThat(limiter.admit("payload_invalid")).as("another kind has its own window").isZero();

        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        assertThat(limiter.admit("downstream_failed")).isEqualTo(999);
        assertThat(limiter.admit("downstream_failed")).isEqualTo(-1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        assertThat(limiter.admit("downstream_failed")).isEqualTo(1);
    }
}
