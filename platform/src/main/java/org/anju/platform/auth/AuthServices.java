package org.anju.platform.auth;

import java.time.Clock;
import java.time.Duration;

import io.vertx.core.Vertx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.audit.AuditLog;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.storage.UnitOfWork;

/**
 * Users, sessions, log-in and the audit log, wired together, with their housekeeping: expired
 * sessions removed every {@value #SESSION_CLEANUP_MINUTES} minutes, audit entries past
 * {@code retention.audit} every {@code retention.interval}.
 */
public final class AuthServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuthServices.class);
    static final long SESSION_CLEANUP_MINUTES = 10;

    private final Logins logins;
    private final Sessions sessions;
    private final SessionStreams streams;
    private final UserAccounts users;
    private final AuditLog audit;
    private final PasswordChecks passwordChecks;
    private final ClusterJobs jobs;

    private AuthServices(Logins logins, Sessions sessions, SessionStreams streams, UserAccounts users, AuditLog audit,
            PasswordChecks passwordChecks, ClusterJobs jobs) {
        this.jobs = jobs;
        this.logins = logins;
        this.sessions = sessions;
        this.streams = streams;
        this.users = users;
        this.audit = audit;
        this.passwordChecks = passwordChecks;
    }

    /**
     * Wires the services and starts their housekeeping and the checks of open streams.
     *
     * @param jwtSecret the secret that signs session tokens
     * @param jobs      where the clean-up of sessions and of the audit log runs; closed with these services
     */
    public static AuthServices start(Vertx vertx, UnitOfWork db, PasswordHasher hasher, TenantDirectory tenants,
            String jwtSecret, AnjuConfig.Security security, AnjuConfig.Retention retention, Clock clock,
            ClusterJobs jobs) {
        AnjuConfig.Login login = security.login();
        AuditLog audit = new AuditLog(db);
        Sessions sessions = new Sessions(vertx, db, new SessionTokens(vertx, jwtSecret), security.tokenTtl(),
                security.sessionCheckInterval(), clock);
        PasswordChecks checks = new PasswordChecks(login.passwordThreads(), login.passwordQueue());
        LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Settings(login.maxFailures(),
                login.addressMaxFailures(), login.failureDelay(), login.maxFailureDelay(), login.lockDuration()), clock);
        SessionStreams streams = new SessionStreams(vertx, sessions, security.sessionCheckInterval(), clock);
        AuthServices services = new AuthServices(
                new Logins(vertx, throttle, checks, new UserDirectory(db, hasher), sessions, audit), sessions, streams,
                new UserAccounts(db, hasher, tenants, sessions::userChanged), audit, checks, jobs);
        streams.start();
        services.jobs.schedule("auth.sessions", sessions::removeExpired, Duration.ofMinutes(1),
                Duration.ofMinutes(SESSION_CLEANUP_MINUTES));
        services.jobs.schedule("auth.audit-retention", () -> audit.purgeOlderThan(clock.instant().minus(retention.audit())),
                Duration.ofMinutes(1), retention.interval());
        LOG.info("sessions and log-in ready [token ttl: {}, session check: {}, login: {}]", security.tokenTtl(),
                security.sessionCheckInterval(), login);
        return services;
    }

    /** Returns log-in: throttle, password check, session. */
    public Logins logins() {
        return logins;
    }

    /** Returns the server-side sessions. */
    public Sessions sessions() {
        return sessions;
    }

    /** Returns the watcher that ends open live streams with their sessions. */
    public SessionStreams streams() {
        return streams;
    }

    /** Returns user administration. */
    public UserAccounts users() {
        return users;
    }

    /** Returns the audit log. */
    public AuditLog audit() {
        return audit;
    }

    /** Returns the bounded pool on which user passwords are checked and hashed. */
    public PasswordChecks passwordChecks() {
        return passwordChecks;
    }

    /** Stops the housekeeping, the stream checks and the password pool; idempotent. */
    @Override
    public void close() {
        jobs.close();
        streams.stop();
        passwordChecks.close();
    }
}
