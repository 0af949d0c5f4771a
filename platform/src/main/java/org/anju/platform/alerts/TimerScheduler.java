package org.anju.platform.alerts;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.storage.Sql;

/**
 * Fires due timers of {@code alert_timers} (fire escalations, rescue deadlines): polls every
 * {@code pollInterval}, and acts on each due timer in the transaction that marks it done, with
 * {@code FOR UPDATE SKIP LOCKED}, so a timer acts once even across restarts or several schedulers.
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
    private ScheduledExecutorService executor;

    public TimerScheduler(Transactions transactions, List<TimerHandler> handlers, Clock clock, Duration pollInterval) {
        this.transactions = transactions;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(TimerHandler::subject, h -> h));
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /** Starts polling; idempotent. */
    public synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("anju-alert-timers").daemon(true).factory());
            executor.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
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
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }
}
