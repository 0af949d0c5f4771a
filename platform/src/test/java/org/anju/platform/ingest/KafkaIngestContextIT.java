package org.anju.platform.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.kafka.HonoRecords;
import org.anju.platform.storage.Database;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * Hono's Kafka consumer keeps its pause/resume bookkeeping unsynchronised on its own Vert.x
 * context, so the future of each record handed to it must complete there. The ingest writer
 * commits on its own thread; a completion delivered from that thread raced the consumer's pause
 * and killed the writer (`./anju bench kafka` hung). This test hands a record, in Hono's format, to
 * the Kafka ingest from a Vert.x context, with the real writer and database behind it, and checks
 * where the completion arrives: no broker is needed for that, and no race has to be won.
 */
@Timeout(120)
class KafkaIngestContextIT {

    @Test
    void aStoredRecordCompletesOnTheConsumersContext() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.primary().create(); Database database = Database.open(db.settings())) {
            new Fixtures(database.dataSource()).device("cam-1", "camera", "pw");
            Vertx vertx = Vertx.vertx();
            DeviceTypes types = id -> Future.succeededFuture(DeviceType.CAMERA);
            try (TelemetryIngest ingest = new TelemetryIngest(database.work(), new IngestSettings(100, Duration.ofMillis(5), 100),
                    DeviceCatalogue.standard(), types, committed -> { }, new SimpleMeterRegistry())) {
                ingest.start();
                DeviceTenants registry = id -> Future.succeededFuture(Optional.of(Fixtures.TENANT));
                KafkaIngest kafka = new KafkaIngest(vertx, ingest, registry, new KafkaIngestSettings("127.0.0.1:9", "context-it",
                        KafkaIngestSettings.HONO_TOPICS, 10, Duration.ofSeconds(1), Duration.ofSeconds(10)), new SimpleMeterRegistry());
                Context consumerContext = vertx.getOrCreateContext();
                CompletableFuture<Context> completedOn = new CompletableFuture<>();

                // WHEN Hono's consumer, on its context, hands over a record of cam-1
                consumerContext.runOnContext(v -> kafka.handle(record(reading("cam-1")))
                        .onComplete(done -> {
                            if (done.failed()) {
                                completedOn.completeExceptionally(done.cause());
                            } else {
                                completedOn.complete(Vertx.currentContext());
                            }
                        }));

                // THEN the record is stored, and its future completed on that same context
                assertThat(completedOn.get(60, TimeUnit.SECONDS)).isSameAs(consumerContext);
                assertThat(storedRows(database)).isPositive();
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long storedRows(Database database) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM telemetry WHERE device_id = 'cam-1'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static DeviceMessage reading(String deviceId) {
        String payload = "{\"ts\": \"" + Instant.now() + "\", \"status\": \"OK\", \"temperature\": 21}";
        return new DeviceMessage(Fixtures.TENANT, deviceId, Endpoint.TELEMETRY, 1, payload.getBytes(UTF_8), Instant.now());
    }

    /** The record as the consumer reads it: what Hono's MQTT adapter (here the gateway) produced. */
    private static KafkaConsumerRecordImpl<String, Buffer> record(DeviceMessage message) {
        KafkaProducerRecord<String, Buffer> produced = HonoRecords.toRecord(message);
        ProducerRecord<String, Buffer> p = produced.record();
        return new KafkaConsumerRecordImpl<>(new ConsumerRecord<>(p.topic(), 0, 0L, System.currentTimeMillis(),
                TimestampType.CREATE_TIME, -1, -1, p.key(), p.value(), p.headers(), Optional.empty()));
    }
}
