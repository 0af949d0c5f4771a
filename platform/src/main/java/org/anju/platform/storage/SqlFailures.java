package org.anju.platform.storage;

import java.sql.SQLException;
import java.sql.SQLTransientException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ServerError;

/**
 * What a database failure means, decided by SQLState (never by message): the one classifier of
 * retryable failures and the one mapping of SQL failures to {@link ServerError}.
 */
public final class SqlFailures {

    private static final Logger LOG = LoggerFactory.getLogger(SqlFailures.class);

    /** The transaction was chosen as a deadlock victim and rolled back. */
    public static final String DEADLOCK = "40P01";
    /** The transaction could not be serialized and was rolled back. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** A statement was cancelled, e.g. by {@code statement_timeout}. */
    public static final String QUERY_CANCELED = "57014";

    private SqlFailures() {
    }

    /**
     * Returns whether running the same transaction again may succeed at once: it was a deadlock or
     * serialization victim. Looks through a JDBC batch's chained exceptions and causes, where
     * pgJDBC reports the victim of a batch.
     */
    public static boolean isTransient(SQLException e) {
        return hasState(e, DEADLOCK) || hasState(e, SERIALIZATION_FAILURE);
    }

    /**
     * Returns whether the same work may succeed when it is tried again later, after a pause: a
     * deadlock or serialization victim; a connection lost, refused or not had in time (class 08, or
     * a failure the driver marks transient); a server short of resources (53); an operator's
     * intervention such as a shutdown or a cancelled statement (57); or a failure without a state.
     * A constraint violation or an error in the SQL would fail again.
     */
    public static boolean isRetryable(SQLException e) {
        if (isTransient(e) || e instanceof SQLTransientException) {
            return true;
        }
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57");
    }

    /** Returns whether the failure was a deadlock victim. */
    public static boolean isDeadlock(SQLException e) {
        return hasState(e, DEADLOCK);
    }

    /** Returns whether a statement was cancelled (statement timeout, or a cancel request). */
    public static boolean isCanceled(SQLException e) {
        return hasState(e, QUERY_CANCELED);
    }

    /**
     * Turns a database failure into the error callers see: 504 when a statement ran out of time;
     * a retryable 503 naming what was unavailable when trying again later may succeed
     * ({@link #isRetryable}); else a 500 that is not retryable (an error in the SQL or the schema, a
     * constraint the code did not expect), logged as an ERROR, since asking the caller to try again
     * would only repeat it. The message carries no SQL and no driver text; the detail is logged here.
     *
     * @param what what the failed work was about, e.g. {@code "alerts"}
     */
    public static ServerError toServerError(String what, SQLException e) {
        if (isCanceled(e)) {
            LOG.info("{} query cancelled [sqlstate: {}]: {}", what, e.getSQLState(), e.getMessage());
            return ServerError.timeout(what + " query took too long");
        }
        if (!isRetryable(e)) {
            LOG.error("{} failed [sqlstate: {}]: {}", what, e.getSQLState(), e.getMessage());
            return ServerError.internal(what + " failed", e);
        }
        LOG.warn("{} unavailable [sqlstate: {}]: {}", what, e.getSQLState(), e.getMessage());
        return ServerError.unavailable(what + " unavailable", e);
    }

    private static boolean hasState(SQLException e, String state) {
        for (SQLException each = e; each != null; each = each.getNextException()) {
            for (Throwable t = each; t != null; t = t.getCause()) {
                if (t instanceof SQLException s && state.equals(s.getSQLState())) {
                    return true;
                }
                if (t.getCause() == t) {
                    break;
                }
            }
        }
        return false;
    }
}
