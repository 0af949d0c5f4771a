package org.anju.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.anju.platform.testing.TestClock;

/**
 * The log-in throttle on a clock that moves only when the test moves it: exponential delays per
 * user name, locks per user name and per address, what a lock refuses, and who is not affected.
 */
class LoginThrottleTest {

    private static final String HOME = "203.0.113.7";
    private static final String ELSEWHERE = "198.51.100.9";

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Settings(5, 20, Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofMinutes(15)), clock);

    @Test
    void aFirstFailureCostsNothingAndEachFurtherOneDoublesTheWaitBeforeTheNextAttempt() {
        fail("alice", HOME);
        admitted("alice", HOME).attempt().abandoned();
        for (int failure = 2; failure <= 4; failure++) {
            fail("alice", HOME);
            Duration expected = Duration.ofSeconds(1L << (failure - 2));

            LoginThrottle.Refused refused = refused("alice", HOME);
            assertThat(refused.retryAfter()).as("after failure " + failure).isEqualTo(expected);
            assertThat(refused.locked()).isFalse();
            clock.advance(expected.minusMillis(1));
            assertThat(throttle.admit("alice", HOME)).isInstanceOf(LoginThrottle.Refused.class);
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(throttle.admit("alice", HOME)).isInstanceOf(LoginThrottle.Admitted.class);
    }

    @Test
    void theWaitBetweenFailuresStopsGrowingAtItsMaximum() {
        LoginThrottle gentle = new LoginThrottle(new LoginThrottle.Settings(100, 1000, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMinutes(15)), clock);

        assertThat(gentle.delayAfter(1)).isEqualTo(Duration.ZERO);
        assertThat(gentle.delayAfter(6)).isEqualTo(Duration.ofSeconds(16));
        assertThat(gentle.delayAfter(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(gentle.delayAfter(80)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theFifthFailureLocksTheUserNameAndEvenTheRightPasswordWaitsUntilTheLockEnds() {
        failWithWaits("alice", HOME, 4);
        LoginThrottle.Admitted fifth = admitted("alice", HOME);

        assertThat(fifth.attempt().failed()).isEqualTo(LoginThrottle.Outcome.USER_LOCKED);
        LoginThrottle.Refused locked = refused("alice", HOME);
        assertThat(locked.locked()).isTrue();
        assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(locked.retryAfterSeconds()).isEqualTo(900);

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(refused("alice", ELSEWHERE).retryAfterSeconds()).as("from any address").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        LoginThrottle.Admitted afterLock = admitted("alice", HOME);
        afterLock.attempt().succeeded();
        assertThat(throttle.admit("alice", HOME)).isInstanceOf(LoginThrottle.Admitted.class);
    }

    @Test
    void anotherUserFromAnotherAddressIsNotAffectedByALock() {
        failWithWaits("alice", HOME, 5);

        assertThat(throttle.admit("alice", HOME)).isInstanceOf(LoginThrottle.Refused.class);
        assertThat(throttle.admit("bob", ELSEWHERE)).isInstanceOf(LoginThrottle.Admitted.class);
    }

    @Test
    void anAddressTryingManyNamesIsSlowedAfterHalfItsLimitAndLockedAtIt() {
        for (int i = 1; i <= 10; i++) {
            assertThat(admitted("user" + i, HOME).attempt().failed()).isEqualTo(LoginThrottle.Outcome.COUNTED);
        }
        admitted("user11", HOME).attempt().failed();
        assertThat(refused("bob", HOME).retryAfter()).as("the 11th failure of 20").isEqualTo(Duration.ofSeconds(1));
        admitted("bob", ELSEWHERE).attempt().abandoned();
        for (int i = 12; i < 20; i++) {
            assertThat(failWhenAdmitted("user" + i, HOME)).isEqualTo(LoginThrottle.Outcome.COUNTED);
        }

        assertThat(failWhenAdmitted("user20", HOME)).isEqualTo(LoginThrottle.Outcome.ADDRESS_LOCKED);
        LoginThrottle.Refused refused = refused("bob", HOME);
        assertThat(refused.locked()).isTrue();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.admit("bob", ELSEWHERE)).isInstanceOf(LoginThrottle.Admitted.class);
    }

    @Test
    void aSuccessForgetsTheUserNamesFailuresButNotTheAddresss() {
        failWithWaits("alice", HOME, 3);
        admitted("alice", HOME).attempt().succeeded();

        fail("alice", HOME);
        fail("alice", HOME);
        assertThat(refused("alice", HOME).retryAfter()).as("counting starts again").isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 14; i++) {
            failWhenAdmitted("spray" + i, HOME);
        }
        assertThat(failWhenAdmitted("carol", HOME)).as("3 + 2 + 14 + 1 = 20 failures from the address")
                .isEqualTo(LoginThrottle.Outcome.ADDRESS_LOCKED);
    }

    @Test
    void failuresAreForgottenOnceTheUserNameWasQuietForTheLockDuration() {
        failWithWaits("alice", HOME, 4);
        clock.advance(Duration.ofMinutes(15));

        fail("alice", HOME);
        fail("alice", HOME);

        assertThat(refused("alice", HOME).retryAfter()).as("the second failure again").isEqualTo(Duration.ofSeconds(1));
        assertThat(refused("alice", HOME).locked()).isFalse();
    }

    @Test
    void concurrentGuessesCannotOvertakeTheLock() {
        for (int i = 0; i < 5; i++) {
            admitted("alice", "192.0.2." + i);
        }

        assertThat(throttle.admit("alice", "192.0.2.99")).as("five in flight fill the user name's limit")
                .isInstanceOf(LoginThrottle.Refused.class);
    }

    @Test
    void anAbandonedAttemptCountsNothing() {
        for (int i = 0; i < 10; i++) {
            admitted("alice", HOME).attempt().abandoned();
        }

        assertThat(throttle.admit("alice", HOME)).isInstanceOf(LoginThrottle.Admitted.class);
        assertThat(throttle.keys()).as("only the attempt in flight is remembered").isEqualTo(2);
    }

    @Test
    void namesAreComparedIgnoringCaseAndIpv6AddressesByTheirSlash64() {
        failWithWaits("alice", HOME, 5);

        assertThat(throttle.admit(" ALICE ", HOME)).isInstanceOf(LoginThrottle.Refused.class);
        for (int i = 1; i <= 10; i++) {
            admitted("user" + i, "2001:db8:1:2::" + Integer.toHexString(i)).attempt().failed();
        }
        admitted("user11", "2001:db8:1:2:aaaa::1").attempt().failed();
        assertThat(throttle.admit("carol", "2001:db8:1:2::99")).as("the same /64 counts as one address")
                .isInstanceOf(LoginThrottle.Refused.class);
        assertThat(throttle.admit("carol", "2001:db8:1:3::1")).as("another /64")
                .isInstanceOf(LoginThrottle.Admitted.class);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(new LoginThrottle.Refused(Duration.ofMillis(1), false).retryAfterSeconds()).isEqualTo(1);
        assertThat(new LoginThrottle.Refused(Duration.ofMillis(1001), false).retryAfterSeconds()).isEqualTo(2);
        assertThat(new LoginThrottle.Refused(Duration.ofSeconds(900), true).retryAfterSeconds()).isEqualTo(900);
    }

    /** Fails {@code n} times, each time then waiting as long as asked unless it locked the name. */
    private void failWithWaits(String user, String address, int n) {
        for (int i = 1; i <= n; i++) {
            fail(user, address);
            LoginThrottle.Admission next = throttle.admit(user, address);
            if (next instanceof LoginThrottle.Admitted free) {
                free.attempt().abandoned();
            } else if (next instanceof LoginThrottle.Refused wait && !wait.locked()) {
                clock.advance(wait.retryAfter());
            }
        }
    }

    /** Waits as long as the throttle asks (it must not be locked), then fails once. */
    private LoginThrottle.Outcome failWhenAdmitted(String user, String address) {
        LoginThrottle.Admission admission = throttle.admit(user, address);
        while (admission instanceof LoginThrottle.Refused wait) {
            assertThat(wait.locked()).as(user + " from " + address).isFalse();
            clock.advance(wait.retryAfter());
            admission = throttle.admit(user, address);
        }
        return ((LoginThrottle.Admitted) admission).attempt().failed();
    }

    private void fail(String user, String address) {
        admitted(user, address).attempt().failed();
    }

    private LoginThrottle.Admitted admitted(String user, String address) {
        LoginThrottle.Admission admission = throttle.admit(user, address);
        assertThat(admission).as(user + " from " + address).isInstanceOf(LoginThrottle.Admitted.class);
        return (LoginThrottle.Admitted) admission;
    }

    private LoginThrottle.Refused refused(String user, String address) {
        LoginThrottle.Admission admission = throttle.admit(user, address);
        assertThat(admission).as(user + " from " + address).isInstanceOf(LoginThrottle.Refused.class);
        return (LoginThrottle.Refused) admission;
    }
}
