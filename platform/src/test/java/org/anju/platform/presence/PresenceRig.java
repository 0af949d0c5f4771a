package org.anju.platform.presence;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;

import org.anju.error.ClientError;
import org.anju.platform.ingest.DeviceTypes;
import org.anju.platform.ingest.IngestSettings;
import org.anju.platform.ingest.TelemetryIngest;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.storage.Database;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * A fresh database with real ingest and a presence job on a clock the test moves; messages are
 * stamped with that clock, as the gateway stamps them with its own.
 */
final class PresenceRig implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final IngestSettings INGEST = new IngestSettings(1000, Duration.ofMillis(5), 1000);

    final TestClock clock = new TestClock(T0);
    final List<PresenceChange> told = new CopyOnWriteArrayList<>();
    private final TestDatabases.TestDatabase db;
    final Database database;
    final Fixtures fixtures;
    final PresenceTracker tracker;
    final TelemetryIngest ingest;

    PresenceRig(PresenceSettings settings) {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        fixtures = new Fixtures(database.dataSource());
        tracker = new PresenceTracker(settings);
        tracker.addListener(told::addAll);
        DeviceRegistry registry = new DeviceRegistry(database.work());
        DeviceTypes types = deviceId -> registry.typeOf(deviceId).flatMap(DeviceType::fromWireName)
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ClientError.notFound("no device " + deviceId)));
        ingest = new TelemetryIngest(database.work(), INGEST, DeviceCatalogue.standard(), types, tracker,
                ids -> { }, new SimpleMeterRegistry());
        ingest.start();
    }

    PresenceRig() {
        this(PresenceSettings.defaults());
    }

    /** A new job on this rig's clock; several may run at once. */
    PresenceJob job(int batchLimit) {
        return new PresenceJob(database.work(), tracker, clock, batchLimit);
    }

    List<PresenceChange> check() {
        return job(PresenceJob.BATCH_LIMIT).runOnce();
    }

    /** Publishes as the device at the clock's time and waits until it is stored. */
    void telemetry(String deviceId, String json) throws Exception {
        await(ingest.send(message(deviceId, Endpoint.TELEMETRY, json, DeviceMessage.JSON)));
    }

    void event(String deviceId, String json) throws Exception {
        await(ingest.send(message(deviceId, Endpoint.EVENT, json, DeviceMessage.JSON)));
    }

    /** Stores the gateway's connection notice ({@code connected}, {@code disconnected}, {@code taken_over}). */
    void connection(String deviceId, String kind) throws Exception {
        await(ingest.send(message(deviceId, Endpoint.EVENT, "{\"kind\": \"" + kind + "\", \"clientId\": \"" + deviceId
                + "\"}", DeviceMessage.CONNECTION_NOTIFICATION)));
    }

    Future<Void> send(String deviceId, Endpoint endpoint, String json) {
        return ingest.send(message(deviceId, endpoint, json, DeviceMessage.JSON));
    }

    private DeviceMessage message(String deviceId, Endpoint endpoint, String json, String contentType) {
        return new DeviceMessage(Fixtures.TENANT, deviceId, endpoint, 1, json.getBytes(UTF_8), clock.instant(),
                contentType);
    }

    /** The stored presence of a device. */
    record State(boolean online, Instant since, String reason) {
    }

    State state(String deviceId) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT online, presence_since, presence_reason FROM device_state WHERE device_id = ?")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no state for " + deviceId);
                }
                return new State(rs.getBoolean(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3));
            }
        }
    }

    /** A presence event as stored. */
    record Event(Instant ts, String kind, String reason, String lastSeen) {
    }

    List<Event> presenceEvents(String deviceId) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT ts, kind, payload ->> 'reason', payload ->> 'lastSeen' FROM device_events
                 WHERE device_id = ? AND kind IN ('online', 'offline') ORDER BY ts, id""")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Event> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new Event(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                            rs.getString(3), rs.getString(4)));
                }
                return events;
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ingest.close();
        database.close();
        db.close();
    }
}
