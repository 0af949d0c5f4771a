package org.anju.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The per-device rate limit: a burst at once, then the sustained rate, on explicit times. */
class TokenBucketTest {

    private static final long START = 1_000_000_000L;

    @Test
    void theBurstPassesAtOnceThenTheNextIsRefused() {
        TokenBucket bucket = new TokenBucket(100, 5, START);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(START)).as("message %d of the burst", i + 1).isTrue();
        }
        assertThat(bucket.tryTake(START)).isFalse();
        assertThat(bucket.tryTake(START + ms(9))).as("9 ms later: 0.9 of a token").isFalse();
        assertThat(bucket.tryTake(START + ms(10))).as("10 ms later: one token at 100/s").isTrue();
        assertThat(bucket.tryTake(START + ms(10))).isFalse();
    }

    @Test
    void fractionsOfTokensAddUpAcrossRefusedAttempts() {
        TokenBucket bucket = new TokenBucket(2, 1, START);
        assertThat(bucket.tryTake(START)).isTrue();
        assertThat(bucket.tryTake(START + ms(250))).isFalse();
        assertThat(bucket.tryTake(START + ms(499))).isFalse();
        assertThat(bucket.tryTake(START + ms(500))).as("half a second at 2/s").isTrue();
    }

    @Test
    void aLongSilenceRefillsOnlyUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(100, 3, START);
        assertThat(bucket.tryTake(START)).isTrue();
        long anHourLater = START + TimeUnit.HOURS.toNanos(1);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryTake(anHourLater)).isTrue();
        }
        assertThat(bucket.tryTake(anHourLater)).isFalse();
    }

    @Test
    void aSustainedRateAtTheLimitIsNeverRefused() {
        TokenBucket bucket = new TokenBucket(50, 1, START);
        for (int i = 0; i < 1_000; i++) {
            assertThat(bucket.tryTake(START + i * ms(20))).as("message %d, one every 20 ms", i).isTrue();
        }
        assertThat(bucket.tryTake(START + 999 * ms(20) + ms(19))).isFalse();
    }

    @Test
    void firstMessageWithABurstOfOneIsAccepted() {
        // the pipeline makes a device's bucket after it read the message's receive time: a time just
        // before the bucket's start used to take a sliver of the only token, refusing the first message
        TokenBucket bucket = new TokenBucket(100, 1, START);
        assertThat(bucket.tryTake(START - 1_000)).isTrue();
        assertThat(bucket.tryTake(START - 500)).isFalse();
        assertThat(bucket.tryTake(START + ms(10))).isTrue();
    }

    @Test
    void timesAcrossTheOverflowOfNanoTimeRefillAsUsual() {
        // System.nanoTime may be any long, and wraps: only differences count
        long start = Long.MAX_VALUE - ms(5);
        TokenBucket bucket = new TokenBucket(100, 1, start);
        assertThat(bucket.tryTake(start)).isTrue();
        assertThat(bucket.tryTake(start + ms(9))).isFalse();
        assertThat(bucket.tryTake(start + ms(10))).as("past Long.MAX_VALUE").isTrue();
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
