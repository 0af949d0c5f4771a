package org.anju.platform.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.AnjuException;
import org.anju.error.ServerError;

/**
 * The one way to run SQL: a connection from the pool, one transaction around the work, rollback
 * on any failure, the connection handed back as it was taken (auto-commit and read-only
 * restored), a deadlock or serialization failure tried again whole, and a database failure
 * turned into a retryable {@link ServerError} whose message names what was unavailable and never
 * carries SQL or driver text (the detail goes to the log).
 * <p>
 * Every capability runs its SQL through one of these; none opens transactions of its own.
 * Methods block on JDBC: call them from a worker or a virtual thread, never an event loop.
 *
 * <pre>{@code
 * UnitOfWork db = UnitOfWork.of(dataSource);
 * long id = db.inTransaction("alerts", tx -> {
 *     long opened = tx.one("INSERT INTO alerts ... RETURNING id", rs -> rs.getLong(1), deviceId).orElseThrow();
 *     tx.afterCommit(outbox::committed);
 *     return opened;
 * });
 * }</pre>
 */
public final class UnitOfWork {

    private static final Logger LOG = LoggerFactory.getLogger(UnitOfWork.class);

    /** How many times a transaction is run when the database keeps choosing it as a deadlock or serialization victim. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {

        /**
         * Does the work; may be called again (whole) after a deadlock or serialization failure,
         * so it must not have effects outside the transaction except through {@link Tx#afterCommit}.
         */
        T run(Tx tx) throws SQLException;
    }

    private final DataSource dataSource;
    private final int maxAttempts;
    private final Duration statementTimeout;

    private UnitOfWork(DataSource dataSource, int maxAttempts, Duration statementTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.statementTimeout = statementTimeout;
    }

    /** Returns a unit of work over the pool that tries a victim transaction {@value #DEFAULT_MAX_ATTEMPTS} times. */
    public static UnitOfWork of(DataSource dataSource) {
        return new UnitOfWork(dataSource, DEFAULT_MAX_ATTEMPTS, null);
    }

    /** Returns one that runs a victim transaction at most {@code attempts} times. */
    public UnitOfWork withMaxAttempts(int attempts) {
        return new UnitOfWork(dataSource, attempts, statementTimeout);
    }

    /**
     * Returns one whose statements are cancelled after {@code timeout} (PostgreSQL's
     * {@code statement_timeout}, set for each transaction); for a class of requests with a bound.
     */
    public UnitOfWork withStatementTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("statement timeout must be positive: " + timeout);
        }
        return new UnitOfWork(dataSource, maxAttempts, timeout);
    }

    /** Returns the pool, for what cannot run in a transaction of ours (Flyway, binary COPY set-up checks). */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs the work in one read-write transaction and commits it, then runs the work's
     * {@link Tx#afterCommit} actions.
     *
     * @param what names what the work is about, for the error message (e.g. {@code "alerts"})
     * @return what the work returned
     * @throws AnjuException what the work threw ({@link org.anju.error.ClientError}s pass through)
     * @throws ServerError   503 (retryable) "{what} unavailable" when the database failed, also
     *                       after the last attempt of a deadlock victim; 504 when a statement
     *                       timeout cancelled it
     */
    public <T> T inTransaction(String what, Work<T> work) {
        return run(what, false, work);
    }

    /**
     * Runs read-only work in one read-only transaction (one snapshot for all its statements).
     *
     * @throws ServerError as {@link #inTransaction}
     */
    public <T> T read(String what, Work<T> work) {
        return run(what, true, work);
    }

    /**
     * Runs the work in one read-write transaction, trying a deadlock or serialization victim again,
     * and leaves the classification of any other failure to the caller (ingest refuses a batch's
     * messages; jobs log and try at their next run).
     *
     * @throws SQLException the database's failure, after the last attempt for victims
     */
    public <T> T inTransactionOrThrow(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(false, work);
            } catch (SQLException e) {
                if (attempt >= maxAttempts || !SqlFailures.isTransient(e)) {
                    throw e;
                }
                LOG.info("transaction was a {} victim, running it again [attempt: {}/{}]",
                        SqlFailures.isDeadlock(e) ? "deadlock" : "serialization", attempt + 1, maxAttempts);
            }
        }
    }

    /**
     * Runs work that must not be inside a transaction (statements PostgreSQL refuses in one, such
     * as {@code CREATE INDEX CONCURRENTLY}, or a job that commits statement by statement); the
     * connection is handed back in auto-commit mode. No retry.
     *
     * @throws ServerError as {@link #inTransaction}
     */
    public <T> T autoCommit(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                Tx tx = new Tx(c);
                T result = work.run(tx);
                tx.committed();
                return result;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw SqlFailures.toServerError(what, e);
        }
    }

    private <T> T run(String what, boolean readOnly, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(readOnly, work);
            } catch (SQLException e) {
                if (attempt < maxAttempts && SqlFailures.isTransient(e)) {
                    LOG.info("{} transaction was a {} victim, running it again [attempt: {}/{}]", what,
                            SqlFailures.isDeadlock(e) ? "deadlock" : "serialization", attempt + 1, maxAttempts);
                    continue;
                }
                throw SqlFailures.toServerError(what, e);
            }
        }
    }

    private <T> T once(boolean readOnly, Work<T> work) throws SQLException {
        Tx tx;
        T result;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            boolean wasReadOnly = c.isReadOnly();
            try {
                c.setAutoCommit(false);
                if (readOnly) {
                    c.setReadOnly(true);
                }
                tx = new Tx(c);
                try {
                    if (statementTimeout != null) {
                        try (Statement s = c.createStatement()) {
                            s.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
                        }
                    }
                    result = work.run(tx);
                    c.commit();
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            } finally {
                if (readOnly && !wasReadOnly) {
                    c.setReadOnly(false);
                }
                restoreAutoCommit(c, autoCommit);
            }
        }
        tx.committed();
        return result;
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is broken; the pool discards it and the transaction dies with it
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            if (!c.isClosed() && c.getAutoCommit() != autoCommit) {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LOG.debug("could not restore auto-commit on a connection the pool will discard: {}", e.getMessage());
        }
    }

    /**
     * The open transaction: its connection, the {@link Sql} helpers bound to it, and actions to
     * run once it has committed.
     */
    public static final class Tx {

        private final Connection connection;
        private final List<Runnable> afterCommit = new ArrayList<>(2);

        Tx(Connection connection) {
            this.connection = connection;
        }

        /** Returns the transaction's connection (for binary COPY, batches, and the stores' own statements). */
        public Connection connection() {
            return connection;
        }

        /** Runs {@code action} after this transaction commits, not if it rolls back; actions run in order. */
        public void afterCommit(Runnable action) {
            afterCommit.add(Objects.requireNonNull(action, "action"));
        }

        /** See {@link Sql#query}. */
        public <T> List<T> query(String sql, Sql.Row<T> row, Object... parameters) throws SQLException {
            return Sql.query(connection, sql, row, parameters);
        }

        /** See {@link Sql#one}. */
        public <T> java.util.Optional<T> one(String sql, Sql.Row<T> row, Object... parameters) throws SQLException {
            return Sql.one(connection, sql, row, parameters);
        }

        /** See {@link Sql#update}. */
        public int update(String sql, Object... parameters) throws SQLException {
            return Sql.update(connection, sql, parameters);
        }

        void committed() {
            for (Runnable action : afterCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // the transaction is committed whatever a listener does; the failure is the listener's
                    LOG.warn("action after commit failed: {}", e.toString(), e);
                }
            }
        }
    }
}
