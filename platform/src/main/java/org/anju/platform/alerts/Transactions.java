package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.error.ServerError;
import org.anju.platform.notify.Notification;
import org.anju.platform.notify.Outbox;
import org.anju.platform.storage.SqlFailures;

/**
 * Runs a change of alerts, fire cases or rescues in one transaction together with the
 * notifications that report it (the outbox contract), and wakes the outbox readers after commit.
 * Shared by the alert writer, the API actions and the timer scheduler.
 */
public final class Transactions {

    /** The open transaction a change runs in. */
    public interface Change {

        Connection connection();

        /** Appends a notification in this transaction. */
        void notify(String topic, String tenantId, String communityId, boolean fire, ObjectNode payload) throws SQLException;
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Change change) throws SQLException;
    }

    private static final int MAX_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final Outbox outbox;

    public Transactions(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * Runs the work and commits; rolls back on any failure.
     *
     * @throws SQLException when the database fails (the caller decides on retry)
     */
    public <T> T runOrThrow(Work<T> work) throws SQLException {
        boolean[] notified = {false};
        T result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Change change = new Change() {
                @Override
                public Connection connection() {
                    return c;
                }

                @Override
                public void notify(String topic, String tenantId, String communityId, boolean fire, ObjectNode payload)
                        throws SQLException {
                    outbox.append(c, new Notification(topic, tenantId, communityId, fire, payload));
                    notified[0] = true;
                }
            };
            try {
                result = work.run(change);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the pool discards it, and the transaction dies with it
                }
                throw e;
            }
        }
        if (notified[0]) {
            outbox.committed();
        }
        return result;
    }

    /**
     * Runs the work for a request: a deadlock or serialization failure is tried again (up to
     * {@value #MAX_ATTEMPTS} times), other database failures become a retryable
     * {@link ServerError} 503 (504 when a statement timeout cancelled one), {@link org.anju.error.ClientError}s
     * pass through.
     */
    public <T> T run(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOrThrow(work);
            } catch (SQLException e) {
                // two changes of the same alerts in opposite order (e.g. the rules and a person) can deadlock
                if (attempt < MAX_ATTEMPTS && ("40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState()))) {
                    continue;
                }
                throw SqlFailures.toServerError("alerts", e);
            }
        }
    }
}
