package org.anju.platform.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.AnjuException;
import org.anju.error.ClientError;
import org.anju.log.LogSafe;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;

/**
 * Log-in over HTTP: the {@link LoginThrottle} decides whether an attempt may check its password;
 * the check (bcrypt) runs on the bounded {@link PasswordChecks} pool; a match opens a
 * {@linkplain Sessions session}; a failure is counted by the throttle and written to the audit log.
 */
public final class Logins {

    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);

    private final Vertx vertx;
    private final LoginThrottle throttle;
    private final PasswordChecks checks;
    private final UserDirectory directory;
    private final Sessions sessions;
    private final AuditLog audit;

    Logins(Vertx vertx, LoginThrottle throttle, PasswordChecks checks, UserDirectory directory, Sessions sessions,
            AuditLog audit) {
        this.vertx = vertx;
        this.throttle = throttle;
        this.checks = checks;
        this.directory = directory;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** Decides whether an attempt may check its password (no I/O; a refusal costs nothing). */
    public LoginThrottle.Admission admit(String username, String sourceAddress) {
        return throttle.admit(username, sourceAddress);
    }

    /**
     * Checks the password of an admitted attempt and opens a session when it matches.
     *
     * @return fails with {@link ClientError} 401 for a wrong user name or password (one message for
     *         both), with a retryable {@link org.anju.error.ServerError} 503 at once when the
     *         password pool is full, or when the database fails
     */
    public Future<Sessions.Opened> check(LoginThrottle.Attempt attempt, String username, String password,
            String sourceAddress) {
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Sessions.Opened> opened = checks.submit(() -> {
            ran.set(true);
            return checkNow(attempt, username, password, sourceAddress);
        });
        opened.whenComplete((session, failure) -> {
            if (!ran.get()) {
                attempt.abandoned();
            }
        });
        return Future.fromCompletionStage(opened, vertx.getOrCreateContext());
    }

    private Sessions.Opened checkNow(LoginThrottle.Attempt attempt, String username, String password,
            String sourceAddress) {
        UserDirectory.Check check;
        try {
            check = directory.check(username, password);
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (check.user().isPresent()) {
            attempt.succeeded();
            return sessions.open(check.user().get(), sourceAddress);
        }
        LoginThrottle.Outcome outcome = attempt.failed();
        LOG.info("log-in failed [user: {}, address: {}, throttle: {}]", LogSafe.text(username), sourceAddress, outcome);
        AuditEntry entry = AuditEntry.of("login.failed", username, check.tenantId(), sourceAddress, username);
        try {
            audit.record(outcome == LoginThrottle.Outcome.COUNTED ? entry
                    : entry.with("locked", outcome == LoginThrottle.Outcome.USER_LOCKED ? "user" : "address"));
        } catch (AnjuException e) {
            // the answer stays 401: a failed log-in must not look different while the database is down
            LOG.warn("failed log-in not written to the audit log [user: {}]: {}", LogSafe.text(username), e.getMessage());
        }
        throw ClientError.unauthorized("wrong user name or password");
    }
}
