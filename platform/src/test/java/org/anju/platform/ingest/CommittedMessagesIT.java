package org.anju.platform.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.storage.Database;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * The listener contract the alert rules rely on: each committed message, decoded, with its device
 * type, handed over after its transaction committed.
 */
@Timeout(300)
class CommittedMessagesIT {

    @Test
    void listenersGetTheDecodedMessagesOfACommittedBatch() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.primary().create(); Database database = Database.open(db.settings())) {
            new Fixtures(database.dataSource()).device("det-1", "smoke_detector", "pw").device("lift-1", "elevator", "pw");
            List<CommittedMessage> seen = new CopyOnWriteArrayList<>();
            List<Long> eventsStoredWhenTold = new CopyOnWriteArrayList<>();
            IngestListener listener = new IngestListener() {
                @Override
                public void committed(Set<String> deviceIds) {
                }

                @Override
                public void committedMessages(List<CommittedMessage> messages, long lastEventId) {
                    if (messages.stream().anyMatch(m -> !m.events().isEmpty())) {
                        // counted at the moment of the call: blocking the writer here is the point of the test
                        eventsStoredWhenTold.add(count(database, "SELECT count(*) FROM device_events WHERE kind = 'alarm'"));
                    }
                    seen.addAll(messages);
                }
            };
            DeviceTypes types = id -> Future.succeededFuture(id.startsWith("det") ? DeviceType.SMOKE_DETECTOR : DeviceType.ELEVATOR);
            try (TelemetryIngest ingest = new TelemetryIngest(database.dataSource(),
                    new IngestSettings(1000, Duration.ofMillis(5), 1000), DeviceCatalogue.standard(), types, listener,
                    new SimpleMeterRegistry())) {
                ingest.start();
                Future.all(send(ingest, "det-1", Endpoint.EVENT, example("smoke_detector", "event-alarm")),
                        send(ingest, "lift-1", Endpoint.TELEMETRY, example("elevator", "telemetry")))
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }

            assertThat(eventsStoredWhenTold).as("the alarm was committed when the listener heard of it").containsExactly(1L);
            CommittedMessage alarm = seen.stream().filter(m -> m.deviceId().equals("det-1")).findFirst().orElseThrow();
            assertThat(alarm.type()).isEqualTo(DeviceType.SMOKE_DETECTOR);
            assertThat(alarm.events()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo("alarm"));
            assertThat(alarm.points()).extracting(p -> p.metric()).containsExactlyInAnyOrder("smokeConcentration", "temperature");
            CommittedMessage lift = seen.stream().filter(m -> m.deviceId().equals("lift-1")).findFirst().orElseThrow();
            assertThat(lift.type()).isEqualTo(DeviceType.ELEVATOR);
            assertThat(lift.status()).containsEntry("serviceMode", "normal");
        }
    }

    private static Future<Void> send(TelemetryIngest ingest, String device, Endpoint endpoint, String json) {
        return ingest.send(new DeviceMessage(Fixtures.TENANT, device, endpoint, 1, json.getBytes(UTF_8), Instant.now()));
    }

    private static long count(Database database, String sql) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
