package org.anju.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.anju.gateway.GatewayOptions;

class AddressThrottleTest {

    private static final GatewayOptions.AuthThrottle SETTINGS = new GatewayOptions.AuthThrottle(5, 8,
            Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofMinutes(5));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AddressThrottle throttle = new AddressThrottle(SETTINGS, now::get);

    @Test
    void eachFailureInARowFromAnAddressWaitsTwiceAsLongUpToTheMaximum() {
        assertThat(throttle.failed("10.0.0.1", "a@acme")).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.failed("10.0.0.1", "b@acme")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed("10.0.0.1", "a@acme")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed("10.0.0.1", "a@acme")).isEqualTo(Duration.ofSeconds(3));
        assertThat(throttle.failed("10.0.0.2", "a@acme")).as("another address starts afresh").isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aUserNameIsLockedAtTheAddressAfterMaxFailuresWhileItsNeighboursStillGetIn() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1", "broken@acme");
        }
        assertThat(throttle.lockedFor("10.0.0.1", "broken@acme")).isZero();

        throttle.failed("10.0.0.1", "broken@acme");
        assertThat(throttle.lockedFor("10.0.0.1", "broken@acme")).isEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("10.0.0.1", "neighbour@acme")).as("same NAT, another device").isZero();
        assertThat(throttle.lockedFor("10.0.0.2", "broken@acme")).as("another address").isZero();

        now.addAndGet(Duration.ofMinutes(4).toNanos());
        assertThat(throttle.lockedFor("10.0.0.1", "broken@acme")).isEqualTo(Duration.ofMinutes(1));
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(throttle.lockedFor("10.0.0.1", "broken@acme")).isZero();
        assertThat(throttle.failed("10.0.0.1", "broken@acme")).as("failures forgotten with the lock")
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theWholeAddressIsLockedAfterMaxAddressFailuresOfAnyUserNames() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("10.0.0.1", "guess-" + i + "@acme");
        }
        assertThat(throttle.lockedFor("10.0.0.1", "someone@acme")).isZero();

        throttle.failed("10.0.0.1", "guess-7@acme");

        assertThat(throttle.lockedFor("10.0.0.1", "someone@acme")).isEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("10.0.0.2", "someone@acme")).isZero();
    }

    @Test
    void failuresAreForgottenAfterAQuietLockDuration() {
        throttle.failed("10.0.0.1", "a@acme");
        throttle.failed("10.0.0.1", "a@acme");
        now.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(throttle.failed("10.0.0.1", "a@acme")).isEqualTo(Duration.ofMillis(500));
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        throttle.forgetExpired();
        assertThat(throttle.size()).as("memory is given back").isZero();
    }

    @Test
    void anIpv6HostCountsByItsSlash64() {
        for (int i = 1; i <= 8; i++) {
            throttle.failed("2001:db8:1:2::" + Integer.toHexString(i), "guess-" + i + "@acme");
        }

        assertThat(throttle.lockedFor("2001:db8:1:2:ffff::1", "someone@acme")).isPositive();
        assertThat(throttle.lockedFor("2001:db8:1:3::1", "someone@acme")).isZero();
    }

    @Test
    void turnedOffItNeitherDelaysNorLocks() {
        AddressThrottle off = new AddressThrottle(GatewayOptions.AuthThrottle.OFF, now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(off.failed("10.0.0.1", "a@acme")).isZero();
        }
        assertThat(off.lockedFor("10.0.0.1", "a@acme")).isZero();
    }
}
