package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import org.eclipse.hono.application.client.DownstreamMessage;
import org.eclipse.hono.application.client.kafka.KafkaMessageContext;
import org.eclipse.hono.application.client.kafka.impl.KafkaApplicationClientImpl;
import org.eclipse.hono.client.kafka.CommonKafkaClientConfigProperties;
import org.eclipse.hono.client.kafka.consumer.MessagingKafkaConsumerConfigProperties;
import org.eclipse.hono.client.kafka.producer.CachingKafkaProducerFactory;
import org.eclipse.hono.client.kafka.producer.MessagingKafkaProducerConfigProperties;
import org.eclipse.hono.util.QoS;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.kafka.KafkaBroker;
import org.anju.gateway.kafka.KafkaDownstream;
import org.anju.gateway.kafka.KafkaProducerSettings;

/**
 * The gateway's Kafka output against a real KRaft broker, read back with Eclipse Hono's own
 * application client ({@code KafkaApplicationClientImpl}, the kafka-clients version the build
 * pins): what a Hono business application gets is what Hono's MQTT adapter would have produced.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaHonoFormatIT {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(2);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void honoApplicationClientReadsWhatTheGatewayProduced() throws Exception {
        // GIVEN a gateway whose downstream is Kafka, and Hono's application client on tenant acme
        Vertx vertx = Vertx.vertx();
        KafkaDownstream kafka = KafkaDownstream.create(vertx, KafkaProducerSettings.of(broker.bootstrapServers(), "gw-it"));
        MqttGateway gateway = MqttGateway.create(vertx, GatewayOptions.defaults(0).withHost("127.0.0.1"),
                GatewayHarness.devices(new TestRegistry()), kafka, new SimpleMeterRegistry());
        BlockingQueue<DownstreamMessage<KafkaMessageContext>> telemetry = new LinkedBlockingQueue<>();
        BlockingQueue<DownstreamMessage<KafkaMessageContext>> events = new LinkedBlockingQueue<>();
        KafkaApplicationClientImpl hono = honoClient(vertx);
        try {
            int port = GatewayHarness.await(gateway.start());
            GatewayHarness.await(hono.createTelemetryConsumer("acme", telemetry::add, null));
            GatewayHarness.await(hono.createEventConsumer("acme", events::add, null));
            Instant before = Instant.now().minusMillis(1);
            try (Device5 device = Device5.connect("tcp://127.0.0.1:" + port, "dev-1", "dev-1@acme",
                    GatewayHarness.PASSWORD)) {
                // WHEN the device publishes JSON telemetry, an event with an MQTT 5 content type and a
                // non-JSON payload, and telemetry naming its type and a time till disconnect in a Hono property bag
                assertThat(device.publishAndAwaitReason("telemetry", "{\"temperature\": 21.5}")).isZero();
                MqttMessage text = new MqttMessage("door opened".getBytes(UTF_8), 1, false, new MqttProperties());
                text.getProperties().setContentType("text/plain");
                assertThat(Device5.reasonCode(device.client.publish("event", text))).isZero();
                assertThat(device.publishAndAwaitReason("t/?content-type=application%2Fcbor&hono-ttd=60", "\u00a1binary"))
                        .isZero();
            }

            // THEN Hono's client reads Hono's records: tenant topic, key and device_id = the device,
            // the content types as published, QoS and creation time
            DownstreamMessage<KafkaMessageContext> json = telemetry.poll(30, TimeUnit.SECONDS);
            assertThat(json).isNotNull();
            assertThat(json.getTenantId()).isEqualTo("acme");
            assertThat(json.getDeviceId()).isEqualTo("dev-1");
            assertThat(json.getMessageContext().getRecord().topic()).isEqualTo("hono.telemetry.acme");
            assertThat(json.getMessageContext().getRecord().key()).isEqualTo("dev-1");
            assertThat(json.getContentType()).isEqualTo("application/json");
            assertThat(json.getQos()).isEqualTo(QoS.AT_LEAST_ONCE);
            assertThat(json.getCreationTime()).isAfter(before).isBeforeOrEqualTo(Instant.now());
            assertThat(json.getPayload().toString(UTF_8)).isEqualTo("{\"temperature\": 21.5}");
            assertThat(headers(json)).containsEntry("device_id", "dev-1").containsEntry("qos", "1")
                    .containsEntry("creation-time", Long.toString(json.getCreationTime().toEpochMilli()))
                    .doesNotContainKey("ttd");
            assertThat(json.getTimeTillDisconnect()).isNull();

            DownstreamMessage<KafkaMessageContext> event = events.poll(30, TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            // the gateway's own connection notice comes first, as Hono's adapter sends it
            assertThat(event.getContentType()).isEqualTo("application/vnd.eclipse-hono-dc-notification+json");
            DownstreamMessage<KafkaMessageContext> doorOpened = events.poll(30, TimeUnit.SECONDS);
            assertThat(doorOpened.getMessageContext().getRecord().topic()).isEqualTo("hono.event.acme");
            assertThat(doorOpened.getContentType()).isEqualTo("text/plain");
            assertThat(doorOpened.getPayload().toString(UTF_8)).isEqualTo("door opened");

            DownstreamMessage<KafkaMessageContext> cbor = telemetry.poll(30, TimeUnit.SECONDS);
            assertThat(cbor.getContentType()).isEqualTo("application/cbor");
            assertThat(cbor.getPayload().getBytes()).isEqualTo("\u00a1binary".getBytes(UTF_8));
            // the device said it waits 60 s for a command: Hono's client reads the ttd header, and so the sender as connected
            assertThat(cbor.getTimeTillDisconnect()).isEqualTo(60);
            assertThat(headers(cbor)).containsEntry("ttd", "60");
            assertThat(cbor.isSenderConnected(cbor.getCreationTime().plusSeconds(30))).isTrue();
        } finally {
            GatewayHarness.await(gateway.stop());
            GatewayHarness.await(hono.stop());
            GatewayHarness.await(kafka.close());
            GatewayHarness.await(vertx.close());
        }
    }

    @Test
    void noPubAckWhenKafkaDoesNotTakeTheMessage() throws Exception {
        // GIVEN a gateway whose Kafka is not there (a port nobody listens on) and a short delivery timeout
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        Vertx vertx = Vertx.vertx();
        KafkaDownstream kafka = KafkaDownstream.create(vertx, new KafkaProducerSettings("127.0.0.1:" + nobody, "gw-it",
                Duration.ZERO, Duration.ofSeconds(2)));
        MqttGateway gateway = MqttGateway.create(vertx, GatewayOptions.defaults(0).withHost("127.0.0.1"),
                GatewayHarness.devices(new TestRegistry()), kafka, new SimpleMeterRegistry());
        try {
            int port = GatewayHarness.await(gateway.start());
            try (Device5 device = Device5.connect("tcp://127.0.0.1:" + port, "dev-2", "dev-2@acme",
                    GatewayHarness.PASSWORD)) {
                // WHEN it publishes at QoS 1
                int reason = device.publishAndAwaitReason("telemetry", "{\"temperature\": 21.5}");
                // THEN the PUBACK says it failed (0x80 unspecified error): nothing acknowledged that Kafka did not take
                assertThat(reason).isEqualTo(0x80);
            }
        } finally {
            GatewayHarness.await(gateway.stop());
            GatewayHarness.await(kafka.close());
            GatewayHarness.await(vertx.close());
        }
    }

    private static Map<String, String> headers(DownstreamMessage<KafkaMessageContext> message) {
        return message.getMessageContext().getRecord().headers().stream()
                .collect(Collectors.toMap(h -> h.key(), h -> h.value().toString(UTF_8), (a, b) -> a));
    }

    private static KafkaApplicationClientImpl honoClient(Vertx vertx) {
        CommonKafkaClientConfigProperties common = new CommonKafkaClientConfigProperties();
        common.setCommonClientConfig(Map.of("bootstrap.servers", broker.bootstrapServers()));
        MessagingKafkaConsumerConfigProperties consumer = new MessagingKafkaConsumerConfigProperties();
        consumer.setCommonClientConfig(common);
        consumer.setConsumerConfig(Map.of("group.id", "hono-format-it", "auto.offset.reset", "earliest"));
        MessagingKafkaProducerConfigProperties producer = new MessagingKafkaProducerConfigProperties();
        producer.setCommonClientConfig(common);
        return new KafkaApplicationClientImpl(vertx, consumer, CachingKafkaProducerFactory.<String, Buffer>sharedFactory(vertx),
                producer);
    }
}
