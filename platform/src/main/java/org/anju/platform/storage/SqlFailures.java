package org.anju.platform.storage;

import java.sql.SQLException;

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

    /** Returns whether the failure was a deadlock victim. */
    public static boolean isDeadlock(SQLException e) {
        return hasState(e, DEADLOCK);
    }

    /** Returns whether a statement was cancelled (statement timeout, or a cancel request). */
    public static boolean isCanceled(SQLException e) {
        return hasState(e, QUERY_CANCELED);
    }

    /**
     * Turns a database failure into the error callers see: 504 when a statement ran out of time,
     * else a retryable 503 naming what was unavailable. The message carries no SQL and no driver
     * text; the detail is logged here.
     *
     * @param what what the failed work was about, e.g. {@code "alerts"}
     */
    public static ServerError toServerError(String what, SQLException e) {
        if (isCanceled(e)) {
            LOG.info("{} query cancelled [sqlstate: {}]: {}", what, e.getSQLState(), e.getMessage());
            return ServerError.timeout(what + " query took too long");
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
