package org.anju.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.anju.gateway.GatewayOptions;

class AddressThrottleTest {

    private static final GatewayOptions.AuthThrottle SETTINGS = new GatewayOptions.AuthThrottle(5,
            Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofMinutes(5));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AddressThrottle throttle = new AddressThrottle(SETTINGS, now::get);

    @Test
    void eachFailureInARowWaitsTwiceAsLongUpToTheMaximum() {
        assertThat(throttle.failed("10.0.0.1")).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.failed("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed("10.0.0.1")).isEqualTo(Duration.ofSeconds(3));
        assertThat(throttle.failed("10.0.0.2")).as("another address starts afresh").isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theAddressIsLockedFromTheLastAllowedFailureForTheLockDuration() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.lockedFor("10.0.0.1")).isZero();

        throttle.failed("10.0.0.1");
        assertThat(throttle.lockedFor("10.0.0.1")).isEqualTo(Duration.ofMinutes(5));
        now.addAndGet(Duration.ofMinutes(4).toNanos());
        assertThat(throttle.lockedFor("10.0.0.1")).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("10.0.0.9")).isZero();

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(throttle.lockedFor("10.0.0.1")).isZero();
        assertThat(throttle.failed("10.0.0.1")).as("failures forgotten with the lock").isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void failuresAreForgottenAfterAQuietLockDuration() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        now.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(throttle.failed("10.0.0.1")).isEqualTo(Duration.ofMillis(500));
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        throttle.forgetExpired();
        assertThat(throttle.size()).as("memory is given back").isZero();
    }

    @Test
    void anIpv6HostCountsByItsSlash64() {
        for (int i = 1; i <= 5; i++) {
            throttle.failed("2001:db8:1:2::" + Integer.toHexString(i));
        }

        assertThat(throttle.lockedFor("2001:db8:1:2:ffff::1")).isPositive();
        assertThat(throttle.lockedFor("2001:db8:1:3::1")).isZero();
        assertThat(AddressThrottle.source("::ffff:10.0.0.1")).as("IPv4-mapped is IPv4").isEqualTo("10.0.0.1");
    }

    @Test
    void turnedOffItNeitherDelaysNorLocks() {
        AddressThrottle off = new AddressThrottle(GatewayOptions.AuthThrottle.OFF, now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(off.failed("10.0.0.1")).isZero();
        }
        assertThat(off.lockedFor("10.0.0.1")).isZero();
    }
}
