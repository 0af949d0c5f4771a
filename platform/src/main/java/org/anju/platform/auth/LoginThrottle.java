package org.anju.platform.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.anju.net.SourceAddress;

/**
 * Slows down, then stops, password guessing over HTTP, per user name and per source address.
 * <p>
 * A user name's first failed log-in costs nothing (a typo is no attack); after its k-th (k ≥ 2)
 * its next attempt is refused until {@code failureDelay · 2^(k-2)} (at most
 * {@code maxFailureDelay}) has passed: 1 s, 2 s, 4 s ... by default. A source address is slowed
 * down the same way only once it has failed half of {@code addressMaxFailures} times (many people
 * may share one, an office behind NAT, and one of them mistyping must not delay the others).
 * After {@code maxFailures} failures of a user name, or {@code addressMaxFailures} failures from
 * one source address (whatever the names), that key is locked for {@code lockDuration}, and every
 * attempt of it is refused, a correct password included, until the lock ends. A key that stays
 * quiet for {@code lockDuration} after its last failure is forgotten. A successful log-in forgets its user name's failures (not its
 * address's: an attacker must not wipe an address's record with an account of their own).
 * <p>
 * Attempts in flight count against the limits, so that concurrent guesses cannot overtake the
 * lock. IPv6 addresses are keyed by their /64 prefix, which one host usually owns whole.
 * <p>
 * Pure and thread-safe: time comes from the clock given, nothing is stored outside memory (a
 * restart forgets every key). Refusals cost no password check.
 */
public final class LoginThrottle {

    /** Keys remembered at most; beyond this (after forgetting quiet keys) new keys are refused. */
    static final int MAX_KEYS = 100_000;
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    /**
     * How hard the throttle is.
     *
     * @param maxFailures        failures of one user name that lock it
     * @param addressMaxFailures failures from one source address that lock it
     * @param failureDelay       a user name's wait after its second failure; doubles with each further one
     * @param maxFailureDelay    the longest wait between a user name's attempts before the lock
     * @param lockDuration       how long a locked key stays locked, and how long a key's failures
     *                           are remembered
     */
    public record Settings(int maxFailures, int addressMaxFailures, Duration failureDelay, Duration maxFailureDelay,
            Duration lockDuration) {

        public Settings {
            if (maxFailures < 1 || addressMaxFailures < 1) {
                throw new IllegalArgumentException("failure limits must be at least 1");
            }
            Objects.requireNonNull(failureDelay, "failureDelay");
            Objects.requireNonNull(maxFailureDelay, "maxFailureDelay");
            Objects.requireNonNull(lockDuration, "lockDuration");
        }
    }

    /** The answer to a log-in attempt: try the password, or refuse it for a while. */
    public sealed interface Admission permits Admitted, Refused {
    }

    /** The attempt may check its password; report its outcome on the {@link Attempt}. */
    public record Admitted(Attempt attempt) implements Admission {
    }

    /**
     * The attempt is refused without checking its password.
     *
     * @param retryAfter how long until an attempt may be admitted (at least one second)
     * @param locked     whether a key is locked (rather than only slowed down)
     */
    public record Refused(Duration retryAfter, boolean locked) implements Admission {

        /** Returns {@link #retryAfter} in whole seconds, rounded up, for a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** What happened to an admitted attempt's key after a failure. */
    public enum Outcome {
        /** Counted; the keys are not locked. */
        COUNTED,
        /** This failure locked the user name. */
        USER_LOCKED,
        /** This failure locked the source address. */
        ADDRESS_LOCKED
    }

    /** An admitted attempt; exactly one of its methods is called once its password was checked (or not). */
    public final class Attempt {

        private final String user;
        private final String address;
        private boolean reported;

        private Attempt(String user, String address) {
            this.user = user;
            this.address = address;
        }

        /** The password was right: the user name's failures are forgotten. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                if (report()) {
                    counters.get(user).forgive();
                    release(user);
                    release(address);
                }
            }
        }

        /** The password was wrong (or the user unknown): counted against both keys. */
        public Outcome failed() {
            synchronized (LoginThrottle.this) {
                if (!report()) {
                    return Outcome.COUNTED;
                }
                Instant now = clock.instant();
                boolean userLocked = counters.get(user).fail(now, settings.maxFailures());
                boolean addressLocked = counters.get(address).fail(now, settings.addressMaxFailures());
                return userLocked ? Outcome.USER_LOCKED : addressLocked ? Outcome.ADDRESS_LOCKED : Outcome.COUNTED;
            }
        }

        /** The password was not checked (the check was refused or failed): nothing is counted. */
        public void abandoned() {
            synchronized (LoginThrottle.this) {
                if (report()) {
                    release(user);
                    release(address);
                }
            }
        }

        private boolean report() {
            if (reported) {
                return false;
            }
            reported = true;
            return true;
        }
    }

    private final class Counter {
        int failures;
        int inFlight;
        Instant lastFailure;
        Instant lockedUntil;

        /** Forgets what has expired; returns whether nothing is left to remember. */
        boolean expire(Instant now) {
            if (lockedUntil != null && !now.isBefore(lockedUntil)) {
                failures = 0;
                lockedUntil = null;
            }
            if (lockedUntil == null && lastFailure != null && !now.isBefore(lastFailure.plus(settings.lockDuration()))) {
                failures = 0;
            }
            return failures == 0 && inFlight == 0;
        }

        /** Returns how long this key must wait, zero when it may try now; the first {@code free} failures cause no delay. */
        Duration wait(Instant now, int limit, int free) {
            if (lockedUntil != null) {
                return Duration.between(now, lockedUntil);
            }
            if (failures > free) {
                Instant next = lastFailure.plus(delayAfter(failures - free + 1));
                if (now.isBefore(next)) {
                    return Duration.between(now, next);
                }
            }
            return failures + inFlight >= limit ? BUSY_RETRY : Duration.ZERO;
        }

        void forgive() {
            failures = 0;
            lastFailure = null;
            lockedUntil = null;
        }

        boolean fail(Instant now, int limit) {
            inFlight--;
            failures++;
            lastFailure = now;
            if (failures >= limit && lockedUntil == null) {
                lockedUntil = now.plus(settings.lockDuration());
                return true;
            }
            return false;
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Counter> counters = new HashMap<>();

    public LoginThrottle(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Decides whether a log-in attempt may check its password.
     *
     * @param username      the user name tried (any text; compared ignoring case)
     * @param sourceAddress the address the attempt came from (an IP address literal)
     */
    public synchronized Admission admit(String username, String sourceAddress) {
        Instant now = clock.instant();
        String user = "user:" + username.strip().toLowerCase(Locale.ROOT);
        String address = "address:" + SourceAddress.key(sourceAddress);
        Counter userCounter = counter(user, now);
        Counter addressCounter = counter(address, now);
        if (userCounter == null || addressCounter == null) {
            return new Refused(BUSY_RETRY, false);
        }
        Duration userWait = userCounter.wait(now, settings.maxFailures(), 1);
        Duration addressWait = addressCounter.wait(now, settings.addressMaxFailures(),
                Math.max(1, settings.addressMaxFailures() / 2));
        Duration wait = userWait.compareTo(addressWait) >= 0 ? userWait : addressWait;
        if (wait.isPositive()) {
            boolean locked = userCounter.lockedUntil != null || addressCounter.lockedUntil != null;
            forgetIfIdle(user, userCounter);
            forgetIfIdle(address, addressCounter);
            return new Refused(wait, locked);
        }
        userCounter.inFlight++;
        addressCounter.inFlight++;
        return new Admitted(new Attempt(user, address));
    }

    /** Returns the wait after the k-th failure: none after the first, then failureDelay · 2^(k-2), at most maxFailureDelay. */
    Duration delayAfter(int failures) {
        if (failures < 2) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 2, 30);
        Duration delay = settings.failureDelay().multipliedBy(1L << doublings);
        return delay.compareTo(settings.maxFailureDelay()) > 0 ? settings.maxFailureDelay() : delay;
    }

    /** Returns how many keys are remembered. */
    synchronized int keys() {
        return counters.size();
    }

    private Counter counter(String key, Instant now) {
        Counter counter = counters.get(key);
        if (counter != null) {
            counter.expire(now);
            return counter;
        }
        if (counters.size() >= MAX_KEYS) {
            counters.values().removeIf(c -> c.expire(now));
            if (counters.size() >= MAX_KEYS) {
                // fail closed: under a flood of new names every new key waits, known ones still work
                return null;
            }
        }
        counter = new Counter();
        counters.put(key, counter);
        return counter;
    }

    private void forgetIfIdle(String key, Counter counter) {
        if (counter.failures == 0 && counter.inFlight == 0) {
            counters.remove(key, counter);
        }
    }

    private void release(String key) {
        Counter counter = counters.get(key);
        if (counter != null) {
            counter.inFlight--;
            forgetIfIdle(key, counter);
        }
    }
}
