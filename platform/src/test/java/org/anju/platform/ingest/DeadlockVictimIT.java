package org.anju.platform.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.storage.Database;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;
import org.anju.platform.storage.UnitOfWork;

/**
 * Regression test for commit 593958c: a batch whose transaction the database chose as a deadlock
 * victim (TimescaleDB creating a {@code device_events} chunk while the other lane holds
 * {@code device_state} rows) is written again, and its messages are acknowledged once, instead of
 * being refused. The deadlock is injected: the first commit on the writer's connections is rolled
 * back and fails with SQLState 40P01, as the victim's transaction does.
 */
@Timeout(60)
class DeadlockVictimIT {

    private static final IngestSettings SETTINGS = new IngestSettings(1000, Duration.ofMillis(50), 1000);
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(3600);
    private static final int MESSAGES = 20;

    @Test
    void aBatchChosenAsDeadlockVictimIsWrittenAgainAndAcknowledgedOnce() throws Exception {
        try (TestDatabase db = TestDatabases.primary().create(); Database database = Database.open(db.settings())) {
            new Fixtures(database.dataSource()).device("det-1", "smoke_detector", "pw");
            FirstCommitDeadlocks writerPool = new FirstCommitDeadlocks(database.dataSource());
            List<String> heard = new CopyOnWriteArrayList<>();
            IngestListener listener = new IngestListener() {
                @Override
                public void committed(Set<String> deviceIds) {
                }

                @Override
                public void committedMessages(List<CommittedMessage> messages, long lastEventId) {
                    messages.forEach(m -> heard.add(m.deviceId() + "@" + m.receivedAt()));
                }
            };
            DeviceRegistry registry = new DeviceRegistry(database.work());
            DeviceTypes types = deviceId -> registry.typeOf(deviceId).flatMap(DeviceType::fromWireName)
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(ClientError.notFound("no device " + deviceId)));

            // GIVEN ingest whose first transaction will be chosen as a deadlock victim
            try (TelemetryIngest ingest = new TelemetryIngest(UnitOfWork.of(writerPool), SETTINGS, DeviceCatalogue.standard(), types,
                    listener, new SimpleMeterRegistry())) {
                ingest.start();
                // WHEN a batch of messages is written
                List<Future<Void>> acks = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    acks.add(ingest.send(telemetry("det-1", T0.plusSeconds(i), i)));
                }
                Future.all(acks).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }

            // THEN the victim was rolled back, written again, and every message is stored and heard of once
            assertThat(writerPool.deadlocks.get()).as("the injected deadlock happened").isEqualTo(1);
            assertThat(TestSql.rows(database.dataSource(),
                    "SELECT count(*) FROM telemetry WHERE device_id = 'det-1' AND metric = 'battery'"))
                    .as("each point stored once: the victim's rows rolled back, the retry's committed")
                    .containsExactly(Integer.toString(MESSAGES));
            assertThat(TestSql.rows(database.dataSource(),
                    "SELECT latest ->> 'battery' FROM device_state WHERE device_id = 'det-1'"))
                    .containsExactly(Double.toString(100.0 - (MESSAGES - 1)));
            assertThat(heard).as("listeners hear of each message once").hasSize(MESSAGES).doesNotHaveDuplicates();
        }
    }

    private static DeviceMessage telemetry(String device, Instant ts, int i) {
        String json = "{\"ts\": \"" + ts + "\", \"battery\": " + (100 - i) + "}";
        return new DeviceMessage(Fixtures.TENANT, device, Endpoint.TELEMETRY, 1, json.getBytes(UTF_8),
                Instant.now().plusMillis(i));
    }

    /** A pool whose first commit is that of a deadlock victim: rolled back, then failed with 40P01. */
    private static final class FirstCommitDeadlocks implements DataSource {

        private final DataSource pool;
        private final AtomicInteger deadlocks = new AtomicInteger();

        FirstCommitDeadlocks(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = pool.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("commit") && deadlocks.compareAndSet(0, 1)) {
                            real.rollback();
                            throw new SQLException("ERROR: deadlock detected", "40P01");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
