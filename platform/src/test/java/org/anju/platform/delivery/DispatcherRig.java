package org.anju.platform.delivery;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;

import org.anju.platform.config.AnjuConfig;
import org.anju.platform.notify.Outbox;
import org.anju.platform.storage.Database;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;

/**
 * A fresh test database with the fixtures' community, and webhook dispatchers wired as
 * {@link Delivery} wires them, each on its own Vert.x. Closing the rig closes what it started,
 * newest first, then the database.
 */
final class DispatcherRig implements AutoCloseable {

    /** A dispatcher with the subscription service and outbox of the same wiring. */
    record Dispatcher(Vertx vertx, WebhookDispatcher dispatcher, WebhookService service, Outbox outbox)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            dispatcher.stop();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private final TestDatabases.TestDatabase testDatabase;
    private final Database database;
    private final SecretBox secrets;
    private final Clock clock;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private DispatcherRig(TestDatabases.TestDatabase testDatabase, Database database, SecretBox secrets, Clock clock) {
        this.testDatabase = testDatabase;
        this.database = database;
        this.secrets = secrets;
        this.clock = clock;
    }

    static DispatcherRig open(Clock clock) throws Exception {
        TestDatabases.TestDatabase testDatabase = TestDatabases.primary().create();
        Database database = Database.open(testDatabase.settings());
        new Fixtures(database.dataSource());
        return new DispatcherRig(testDatabase, database, SecretBox.load("",
                Files.createTempDirectory("anju-webhooks")), clock);
    }

    DataSource dataSource() {
        return database.dataSource();
    }

    /**
     * Starts a dispatcher.
     *
     * @param trust the receivers' certificates to trust; null for the JDK's roots
     */
    Dispatcher dispatcher(AnjuConfig.Webhooks settings, TargetPolicy targets, TrustOptions trust,
            MeterRegistry meters) {
        Vertx vertx = Vertx.vertx();
        Outbox outbox = new Outbox(vertx);
        DeliveryStore store = new DeliveryStore(dataSource(), outbox);
        WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, store, Channels.standard(), secrets,
                new WebhookClient(vertx, targets, settings, trust), outbox, settings, clock, new SplittableRandom(7),
                meters);
        Dispatcher d = closeAtEnd(new Dispatcher(vertx, dispatcher, new WebhookService(new SubscriptionStore(dataSource()),
                store, Channels.standard(), targets, secrets, clock, dispatcher::wake), outbox));
        dispatcher.start();
        return d;
    }

    <T extends AutoCloseable> T closeAtEnd(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        database.close();
        testDatabase.close();
    }
}
