package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.error.ServerError;
import org.anju.platform.delivery.Notification;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.storage.UnitOfWork;

/**
 * Runs a change of alerts, fire cases or rescues in one transaction of the {@link UnitOfWork}
 * together with the notifications that report it (the outbox contract: a notification exists
 * exactly when its change committed, and the outbox readers are woken after the commit). Shared by
 * the alert writer, the API actions and the timer scheduler.
 */
public final class Transactions {

    /** The open transaction a change runs in. */
    public static final class Change {

        private final UnitOfWork.Tx tx;
        private final Outbox outbox;

        private Change(UnitOfWork.Tx tx, Outbox outbox) {
            this.tx = tx;
            this.outbox = outbox;
        }

        /** Returns the transaction, for the stores of other capabilities that join it. */
        public UnitOfWork.Tx tx() {
            return tx;
        }

        /** Returns the transaction's connection. */
        public Connection connection() {
            return tx.connection();
        }

        /** Appends a notification in this transaction. */
        public void notify(String topic, String tenantId, String communityId, boolean fire, ObjectNode payload)
                throws SQLException {
            outbox.append(tx, new Notification(topic, tenantId, communityId, fire, payload));
        }
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Change change) throws SQLException;
    }

    private static final String WHAT = "alerts";

    private final UnitOfWork work;
    private final Outbox outbox;

    public Transactions(UnitOfWork work, Outbox outbox) {
        this.work = work;
        this.outbox = outbox;
    }

    /**
     * Runs the work and commits (a deadlock victim is run again); rolls back on any failure.
     *
     * @throws SQLException when the database fails (the caller decides on a later retry)
     */
    public <T> T runOrThrow(Work<T> work) throws SQLException {
        return this.work.inTransactionOrThrow(WHAT, tx -> work.run(new Change(tx, outbox)));
    }

    /**
     * Runs the work for a request: a deadlock or serialization victim is run again, other database
     * failures become a retryable {@link ServerError} 503 (504 when a statement timeout cancelled
     * one), {@link org.anju.error.ClientError}s pass through.
     */
    public <T> T run(Work<T> work) {
        return this.work.inTransaction(WHAT, tx -> work.run(new Change(tx, outbox)));
    }
}
