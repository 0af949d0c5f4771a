package org.anju.platform.signals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.config.Secrets;
import org.anju.platform.storage.DatabaseSettings;

/**
 * The one listener of a process for the {@link Signals} of the other instances: a dedicated
 * connection (not one of the pools', which it would hold for ever) that {@code LISTEN}s and waits
 * for notifications on a thread of its own, and hands each payload sent by another process to the
 * handler of its channel. Its own process's payloads are skipped: that process woke its readers
 * already.
 * <p>
 * When the connection fails it reconnects with a growing wait, warning once per outage and
 * logging the recovery; after every (re)connection it runs {@code connected}, because what was
 * notified while it was away is lost (the readers' periodic poll remains the safety net). It
 * never fails or delays startup, and a dead listener does not make the instance unready; gauge
 * {@code anju_cluster_listener_connected} shows it, and {@code anju_cluster_notify_queue_usage}
 * how full the database's notification queue is.
 */
public final class SignalListener implements AutoCloseable {

    /**
     * The {@code application_name} of its connection, followed by a space and the instance's
     * {@code jobs.instanceId}, to find it in {@code pg_stat_activity}.
     */
    public static final String APPLICATION_NAME = "anju-listener";
    // PostgreSQL keeps the first 63 bytes of an application_name
    private static final int MAX_APPLICATION_NAME = 63;
    private static final Logger LOG = LoggerFactory.getLogger(SignalListener.class);
    // short enough that stopping is prompt; the wait costs nothing while idle
    private static final int WAIT_MILLIS = 250;
    // how often the queue's fill is read, which also shows that the connection still answers
    private static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private final DatabaseSettings settings;
    private final String origin;
    private final String applicationName;
    private final Map<String, Consumer<Signals.Payload>> handlers;
    private final Runnable connected;
    private final AtomicBoolean listening = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    /** The fill of PostgreSQL's notification queue (0 to 1) when last read; written by its thread only. */
    private volatile double queueUsage;
    /** The wait before the next connection attempt; the listener's thread only. */
    private Duration retry = FIRST_RETRY;
    /** Whether an outage was logged and has not yet ended; the listener's thread only. */
    private boolean outage;

    private SignalListener(DatabaseSettings settings, String instanceId, String origin,
            Map<String, Consumer<Signals.Payload>> handlers, Runnable connected, MeterRegistry meters) {
        this.settings = settings;
        this.origin = origin;
        this.applicationName = applicationName(instanceId);
        this.handlers = Map.copyOf(handlers);
        this.connected = connected;
        this.thread = Thread.ofPlatform().name("anju-signal-listener").daemon().unstarted(this::run);
        meters.gauge("anju.cluster.listener.connected", listening, on -> on.get() ? 1 : 0);
        meters.gauge("anju.cluster.notify.queue.usage", this, listener -> listener.queueUsage);
    }

    /**
     * Starts listening on the channels of {@code handlers} in the background; returns at once.
     *
     * @param instanceId this instance's {@code jobs.instanceId}, in its connection's application name
     * @param origin    this process's {@link Signals#origin}, whose payloads are skipped
     * @param handlers  what to do with a payload of another process, by channel (called on the listener's thread)
     * @param connected run after each (re)connection, to catch up on what may have been missed
     */
    public static SignalListener start(DatabaseSettings settings, String instanceId, String origin,
            Map<String, Consumer<Signals.Payload>> handlers, Runnable connected, MeterRegistry meters) {
        SignalListener listener = new SignalListener(settings, instanceId, origin, handlers, connected, meters);
        listener.thread.start();
        return listener;
    }

    /** Returns the application name of its connection: {@value #APPLICATION_NAME}, a space, the instance id. */
    public static String applicationName(String instanceId) {
        String name = APPLICATION_NAME + " " + instanceId;
        return name.length() <= MAX_APPLICATION_NAME ? name : name.substring(0, MAX_APPLICATION_NAME);
    }

    /** Returns whether it is connected and listening now. */
    public boolean isListening() {
        return listening.get();
    }

    private void run() {
        while (stopped.getCount() > 0) {
            try (Connection connection = connect()) {
                listening.set(true);
                catchUp();
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                listening.set(false);
                if (stopped.getCount() == 0) {
                    break;
                }
                if (!outage) {
                    LOG.warn("cross-instance listener lost the database, other instances' commits reach this one"
                            + " only by polling until it reconnects [url: {}, cause: {}]",
                            Secrets.maskUrl(settings.url()), e.getMessage());
                    outage = true;
                }
                if (awaitStop(retry)) {
                    break;
                }
                retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
            }
        }
        listening.set(false);
    }

    /** Runs {@code connected}; its failure (a query of the catch-up) is not the connection's. */
    private void catchUp() {
        try {
            connected.run();
        } catch (RuntimeException e) {
            LOG.warn("cross-instance listener could not catch up after connecting: {}", e.toString());
        }
    }

    /**
     * Called once the connection has answered a check {@code CHECK_INTERVAL} after connecting: only
     * then the outage is over and the next one starts from the shortest wait, so that a connection
     * that fails right after connecting (a proxy or {@code idle_session_timeout} ending it, a
     * refused query) is retried with a growing wait, not four times a second with a catch-up each.
     */
    private void stable() {
        retry = FIRST_RETRY;
        if (outage) {
            outage = false;
            LOG.info("cross-instance listener reconnected [url: {}]", Secrets.maskUrl(settings.url()));
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (!settings.user().isEmpty()) {
            properties.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        // a dead network path must fail a statement, not hang it until TCP gives up (~15 min);
        // getNotifications sets its own shorter timeout for its waits and restores this one
        properties.setProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        Connection connection = DriverManager.getConnection(settings.url(), properties);
        try (Statement statement = connection.createStatement()) {
            for (String channel : handlers.keySet()) {
                // channel names are fixed constants, never input
                statement.execute("LISTEN " + channel);
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Waits for notifications until stopped; throws when the connection fails. Every
     * {@code CHECK_INTERVAL} it also reads how full PostgreSQL's notification queue is, which shows
     * that the connection still answers (a silent network failure shows only when it is used).
     */
    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastChecked = System.nanoTime();
        readQueueUsage(connection);
        while (stopped.getCount() > 0) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    hand(notification);
                }
            }
            if (System.nanoTime() - lastChecked > CHECK_INTERVAL_NANOS) {
                readQueueUsage(connection);
                lastChecked = System.nanoTime();
                stable();
            }
        }
    }

    /**
     * PostgreSQL's queue holds each notification until every listening backend has read it, so a
     * listener that stopped reading without disconnecting (a process frozen with its connection
     * open) makes it grow; when it is full, no signal can be sent (no business transaction notifies,
     * so nothing else fails).
     */
    private void readQueueUsage(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT pg_notification_queue_usage()")) {
                rs.next();
                queueUsage = rs.getDouble(1);
            }
        }
    }

    private void hand(PGNotification notification) {
        Signals.Payload payload = Signals.Payload.parse(notification.getParameter());
        Consumer<Signals.Payload> handler = handlers.get(notification.getName());
        if (handler == null || payload.from(origin)) {
            return;
        }
        try {
            handler.accept(payload);
        } catch (RuntimeException e) {
            LOG.warn("cross-instance signal not handled [channel: {}, cause: {}]", notification.getName(),
                    e.toString());
        }
    }

    private boolean awaitStop(Duration wait) {
        try {
            return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops listening, closes the connection and waits briefly for the thread to end; idempotent. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
