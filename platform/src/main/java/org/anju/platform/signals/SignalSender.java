package org.anju.platform.signals;

import java.util.Collection;
import java.util.List;

import org.anju.platform.storage.UnitOfWork;

/**
 * Sends {@link Signals} to the other instances on the database: {@code pg_notify} with the
 * channel and payload as parameters, never interpolated into SQL. PostgreSQL delivers them when
 * the sending transaction commits.
 */
public final class SignalSender {

    private static final String NOTIFY_ALL_SQL = "SELECT pg_notify(?, payload) FROM unnest(?::text[]) payload";

    private final UnitOfWork work;
    private final String origin;

    /**
     * @param work   where to send from (one short auto-commit statement per call)
     * @param origin this process's {@link Signals#origin}
     */
    public SignalSender(UnitOfWork work, String origin) {
        this.work = work;
        this.origin = origin;
    }

    /**
     * Tells the other instances that the devices' state was committed, in one statement however
     * many ids (chunked below PostgreSQL's payload limit). Blocking.
     *
     * @throws org.anju.error.ServerError when the database fails
     */
    public void devicesCommitted(Collection<String> deviceIds) {
        List<String> payloads = Signals.payloads(origin, deviceIds);
        if (payloads.isEmpty()) {
            return;
        }
        work.autoCommit("device signals", tx -> tx.query(NOTIFY_ALL_SQL, rs -> true, Signals.DEVICES_CHANNEL,
                payloads.toArray(String[]::new)));
    }
}
