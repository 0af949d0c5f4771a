package org.anju.platform.alerts;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.storage.Sql;

/**
 * Fires due timers of {@code alert_timers} (fire escalations, rescue deadlines): polls every
 * {@code pollInterval}, and acts on each due timer in the transaction that marks it done, with
 * {@code FOR UPDATE SKIP LOCKED}, so a timer acts once even across restarts or several schedulers;
 * the polling itself runs on one instance at a time ({@link ClusterJobs}).
 * Time comes from the injected clock.
 */
public final class TimerScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimerScheduler.class);
    private static final int BATCH = 100;

    private record Due(long id, String subject, long subjectId, String kind) {
    }

    private final Transactions transactions;
    private final Map<String, TimerHandler> handlers;
    private final Clock clock;
    private final Duration pollInterval;
    private ClusterJobs jobs;

    public TimerScheduler(Transactions transactions, List<TimerHandler> handlers, Clock clock, Duration pollInterval) {
        this.transactions = transactions;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(TimerHandler::subject, h -> h));
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /** Starts polling on {@code jobs}, which this scheduler closes with itself; idempotent. */
    public synchronized void start(ClusterJobs jobs) {
        if (this.jobs == null) {
            this.jobs = jobs;
            jobs.schedule("alerts.timers", this::poll, Duration.ZERO, pollInterval);
        }
    }

    private void poll() {
        try {
            runDue();
        } catch (SQLException e) {
            LOG.warn("alert timers not run, will retry: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("alert timers failed", e);
        }
    }

    /**
     * Acts on every timer due now.
     *
     * @return how many timers were acted on (including those that turned out not needed)
     */
    public int runDue() throws SQLException {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            int done = transactions.runOrThrow(change -> {
                List<Due> due = Sql.query(change.connection(), """
                        SELECT id, subject, subject_id, kind FROM alert_timers
                         WHERE done_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED""",
                        rs -> new Due(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)), now, BATCH);
                for (Due d : due) {
                    TimerHandler handler = handlers.get(d.subject());
                    String outcome = handler == null ? "no_handler" : handler.due(change, d.subjectId(), d.kind(), now);
                    Sql.update(change.connection(), "UPDATE alert_timers SET done_at = ?, outcome = ? WHERE id = ?",
                            now, outcome, d.id());
                }
                return due.size();
            });
            total += done;
            if (done < BATCH) {
                return total;
            }
        }
    }

    /** Stops polling; idempotent. */
    @Override
    public synchronized void close() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }
}
