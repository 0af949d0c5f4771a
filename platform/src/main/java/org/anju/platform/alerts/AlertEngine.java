package org.anju.platform.alerts;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.alerts.rules.RuleBook;
import org.anju.platform.alerts.rules.Signal;
import org.anju.platform.ingest.CommittedMessage;
import org.anju.platform.ingest.IngestListener;
import org.anju.platform.presence.PresenceChange;
import org.anju.platform.presence.PresenceListener;
import org.anju.platform.registry.DeviceStates;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.SqlFailures;

/**
 * Runs the alert rules on everything ingest committed and on presence changes, on its own thread:
 * the ingest writer only hands the batch over (a queue offer) and goes on, so rules never slow
 * ingest, and there is no polling delay between a commit and its alert.
 * <p>
 * Each handed-over batch is evaluated and applied in one transaction, with its notifications.
 * When the database fails the same batch is retried (backing off up to {@link #MAX_BACKOFF}) until
 * it commits or the engine stops, so no signal is lost to a brief outage. (While the database is
 * down ingest commits nothing, so the queue does not grow meanwhile.) A batch that fails for a
 * reason retrying cannot fix is applied signal by signal, and only the failing signals are logged
 * and dropped. On close, what was queued is still evaluated. After a crash, the events committed
 * and not yet applied are replayed at the next start ({@link EventProgress}); telemetry levels are
 * not replayed, they come back with the device's next report.
 */
public final class AlertEngine implements IngestListener, PresenceListener, AutoCloseable {

    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);
    private static final int MAX_QUEUED_BATCHES = 100_000;

    /**
     * Work handed over: committed messages, or presence changes, or replayed events.
     *
     * @param lastEventId the id of the last event of the work (as ingest or the replay tells it); null when it has none
     */
    private record Work(List<CommittedMessage> messages, List<PresenceChange> presence, Long lastEventId) {
    }

    /** A signal with the device it concerns and the settings of the device's community. */
    private record Located(Signal signal, DeviceInfo device, AlertSettings settings) {
    }

    private final Transactions transactions;
    private final CommunitySettings settings;
    private final AlertWriter writer;
    private final RuleBook rules = new RuleBook();
    private final DeviceDirectory devices = new DeviceDirectory();
    private final EventProgress progress = new EventProgress();
    private final Clock clock;
    private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>(MAX_QUEUED_BATCHES);
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter dropped;
    private final Counter signals;
    private final Counter retries;
    private Thread thread;

    public AlertEngine(Transactions transactions, CommunitySettings settings, List<AlertFollowUp> followUps, Clock clock,
            MeterRegistry meters) {
        this(transactions, settings, followUps, FaultWork.NONE, clock, meters);
    }

    /** An engine whose new fault alerts open maintenance work through {@code faultWork}. */
    public AlertEngine(Transactions transactions, CommunitySettings settings, List<AlertFollowUp> followUps,
            FaultWork faultWork, Clock clock, MeterRegistry meters) {
        this.transactions = transactions;
        this.settings = settings;
        this.writer = new AlertWriter(followUps, faultWork);
        this.clock = clock;
        this.dropped = Counter.builder("anju.alerts.batches.dropped")
                .description("Committed batches the alert rules could not take (queue full)").register(meters);
        this.signals = Counter.builder("anju.alerts.signals").description("Signals applied to alert records")
                .register(meters);
        this.retries = Counter.builder("anju.alerts.retries")
                .description("Batches retried because the database was unavailable").register(meters);
        Gauge.builder("anju.alerts.queue.batches", queue, BlockingQueue::size)
                .description("Batches waiting for the alert rules").register(meters);
    }

    /**
     * Starts the rules thread; idempotent. Start it before ingest: events committed before this call
     * and not yet applied (a crash) are replayed first, events committed after it are handed over.
     */
    public void start() {
        if (running.compareAndSet(false, true)) {
            long replayUntil;
            try {
                replayUntil = transactions.runOrThrow(change -> progress.start(change.tx()));
            } catch (SQLException e) {
                LOG.error("alert rules cannot read their progress, events of a crash are not replayed: {}", e.getMessage());
                replayUntil = -1;
            }
            long until = replayUntil;
            thread = Thread.ofPlatform().name("anju-alert-rules").daemon(true).start(() -> {
                replay(until);
                loop();
            });
        }
    }

    /** Applies the events committed before start and not yet applied. */
    private void replay(long until) {
        int replayed = 0;
        while (running.get() && until > 0) {
            EventProgress.Replay next;
            try {
                next = transactions.runOrThrow(change -> progress.next(change.tx(), until));
            } catch (SQLException e) {
                LOG.error("alert rules could not replay events: {}", e.getMessage());
                return;
            }
            if (next == null) {
                break;
            }
            applyWithRetry(new Work(next.messages(), List.of(), next.lastEventId()));
            replayed += next.messages().size();
        }
        if (replayed > 0) {
            LOG.info("alert rules replayed {} events committed before a restart and not yet applied", replayed);
        }
    }

    @Override
    public void committed(Set<String> deviceIds) {
        // the messages themselves come next, in committedMessages
    }

    @Override
    public void committedMessages(List<CommittedMessage> messages, long lastEventId) {
        List<CommittedMessage> relevant = messages.stream().filter(m -> m.type() != null).toList();
        if (!relevant.isEmpty()) {
            offer(new Work(relevant, List.of(), lastEventId == 0 ? null : lastEventId));
        }
    }

    @Override
    public void changed(List<PresenceChange> changes) {
        if (!changes.isEmpty()) {
            offer(new Work(List.of(), List.copyOf(changes), null));
        }
    }

    private void offer(Work work) {
        if (!queue.offer(work)) {
            dropped.increment();
            LOG.error("alert rules are {} batches behind: a batch was not evaluated", MAX_QUEUED_BATCHES);
        }
    }

    /**
     * Stops taking work, evaluates what was queued (each batch tried once more if the database
     * fails), and stops the thread, waiting at most {@link #CLOSE_TIMEOUT}. Idempotent. Close ingest
     * first, so that its last batches are handed over.
     */
    @Override
    public void close() {
        if (running.compareAndSet(true, false) && thread != null) {
            try {
                thread.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
                LOG.warn("alert rules stopped with {} batches not evaluated", queue.size());
            }
        }
    }

    private void loop() {
        while (running.get() || !queue.isEmpty()) {
            Work work;
            try {
                work = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (work != null) {
                applyWithRetry(work);
            }
        }
    }

    private void applyWithRetry(Work work) {
        long backoffMs = 50;
        while (true) {
            try {
                transactions.runOrThrow(change -> {
                    apply(change, work);
                    return null;
                });
                return;
            } catch (SQLException e) {
                if (!SqlFailures.isRetryable(e)) {
                    LOG.warn("alert batch failed, applying its signals one by one: {}", e.getMessage());
                    applyOneByOne(work);
                    return;
                }
                if (!running.get()) {
                    LOG.error("alert rules stopping while the database is unavailable: a batch was not applied: {}",
                            e.getMessage());
                    return;
                }
                retries.increment();
                LOG.warn("alert rules cannot reach the database, retrying in {} ms: {}", backoffMs, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("alert rules failed on a batch; it is skipped", e);
                return;
            }
            try {
                Thread.sleep(backoffMs); // back-off between retries of an unavailable database
            } catch (InterruptedException e) {
                return;
            }
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
    }

    private void apply(Transactions.Change change, Work work) throws SQLException {
        Instant now = clock.instant();
        List<Located> located = evaluate(change, work, now);
        // most clears (every report of a healthy device) find nothing open: one query instead of one each
        Set<String> open = openAlerts(change, located);
        for (Located l : located) {
            Signal s = l.signal();
            if (s.action() == Signal.Action.CLEAR) {
                if (open.stream().noneMatch(key -> clears(s, key))) {
                    continue;
                }
            } else {
                open.add(s.deviceId() + "|" + s.type());
            }
            writer.apply(change, s, l.device(), l.settings(), now);
            signals.increment();
        }
        progress.advance(change.tx(), work.lastEventId());
    }

    /** Returns "device|type" of the unresolved alerts of the signals' devices. */
    private static Set<String> openAlerts(Transactions.Change change, List<Located> located) throws SQLException {
        String[] devices = located.stream().map(l -> l.signal().deviceId()).distinct().toArray(String[]::new);
        if (devices.length == 0) {
            return new HashSet<>();
        }
        return new HashSet<>(Sql.query(change.connection(),
                "SELECT device_id || '|' || type FROM alerts WHERE device_id = ANY (?) AND status <> 'resolved'",
                rs -> rs.getString(1), (Object) devices));
    }

    private static boolean clears(Signal clear, String key) {
        String prefix = clear.deviceId() + "|" + clear.type();
        return key.equals(prefix) || key.startsWith(prefix + ".");
    }

    private void applyOneByOne(Work work) {
        List<Located> located;
        Instant now = clock.instant();
        try {
            located = transactions.runOrThrow(change -> evaluate(change, work, now));
        } catch (SQLException e) {
            LOG.error("alert batch dropped: {}", e.getMessage());
            return;
        }
        for (Located l : located) {
            try {
                transactions.runOrThrow(change -> {
                    writer.apply(change, l.signal(), l.device(), l.settings(), now);
                    return null;
                });
            } catch (SQLException | RuntimeException e) {
                LOG.error("alert signal dropped [device: {}, type: {}]: {}", l.signal().deviceId(), l.signal().type(),
                        e.getMessage());
            }
        }
        try {
            transactions.runOrThrow(change -> {
                progress.advance(change.tx(), work.lastEventId());
                return null;
            });
        } catch (SQLException e) {
            LOG.warn("alert progress not recorded: {}", e.getMessage());
        }
    }

    /** Runs the rules over the work; signals of devices no longer registered are left out. */
    private List<Located> evaluate(Transactions.Change change, Work work, Instant now) throws SQLException {
        Set<String> ids = new HashSet<>();
        work.messages().forEach(m -> ids.add(m.deviceId()));
        work.presence().forEach(p -> ids.add(p.deviceId()));
        Map<String, DeviceInfo> known = devices.find(change.tx(), ids, now);
        Map<String, AlertSettings> own = settings.of(change.connection(),
                known.values().stream().map(DeviceInfo::communityId).distinct().toList());
        List<Located> located = new ArrayList<>();
        for (CommittedMessage m : work.messages()) {
            DeviceInfo device = known.get(m.deviceId());
            if (device != null) {
                AlertSettings community = own.getOrDefault(device.communityId(), settings.defaults());
                for (Signal s : rules.evaluate(m, community)) {
                    located.add(new Located(s, device, community));
                }
            }
        }
        Map<String, Boolean> onlineNow = onlineNow(change, work.presence());
        for (PresenceChange p : work.presence()) {
            DeviceInfo device = known.get(p.deviceId());
            // the two ingest lanes may hand over a device's changes out of order: only the last one counts
            if (device != null && onlineNow.getOrDefault(p.deviceId(), p.online()) == p.online()) {
                located.add(new Located(RuleBook.offline(p), device,
                        own.getOrDefault(device.communityId(), settings.defaults())));
            }
        }
        return located;
    }

    private static Map<String, Boolean> onlineNow(Transactions.Change change, List<PresenceChange> changes)
            throws SQLException {
        if (changes.isEmpty()) {
            return Map.of();
        }
        return DeviceStates.online(change.tx(), changes.stream().map(PresenceChange::deviceId).distinct().toList());
    }
}
