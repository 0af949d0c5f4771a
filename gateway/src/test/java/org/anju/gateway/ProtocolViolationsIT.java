package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A device's protocol violations, sent as raw bytes over a socket, are one INFO line each with the
 * client's address and the reason, and close the connection; nothing is logged as a WARN or an
 * ERROR, and no stack trace. Packets a device sends between its CONNECT and the CONNACK are no
 * violation: they are processed once it is accepted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtocolViolationsIT {

    private static final byte[] PINGREQ = {(byte) 0xC0, 0};

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private GatewayHarness harness;

    @BeforeEach
    void start() throws Exception {
        log.start();
        root.addAppender(log);
        harness = GatewayHarness.standard(new ScriptedDownstream().autoAccept());
        harness.registry.answerLater(harness.vertx);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        root.detachAppender(log);
    }

    @Test
    void aPublishBeforeConnect() throws Exception {
        assertViolation("PUBLISH before CONNECT", RawMqttClient.publish("t", 1, "{}".getBytes(UTF_8)));
    }

    @Test
    void aMalformedPacketBeforeConnect() throws Exception {
        // a CONNECT whose remaining length never ends
        assertViolation("malformed packet", new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
    }

    @Test
    void aMalformedPacketOfAConnectedDevice() throws Exception {
        try (RawMqttClient client = new RawMqttClient(harness.port)) {
            assertThat(client.connect("dev-1", "dev-1@acme", GatewayHarness.PASSWORD)).isZero();
            // a PUBLISH with QoS 3, which does not exist
            client.write(RawMqttClient.packet(0x36, new byte[] {0, 1, 't', 0, 1}));
            assertClosedWithOneLine(client, "malformed packet");
        }
    }

    @Test
    void aSecondConnect() throws Exception {
        try (RawMqttClient client = new RawMqttClient(harness.port)) {
            assertThat(client.connect("dev-2", "dev-2@acme", GatewayHarness.PASSWORD)).isZero();
            client.write(RawMqttClient.connectPacket("dev-2", "dev-2@acme", GatewayHarness.PASSWORD));
            assertClosedWithOneLine(client, "a second CONNECT");
        }
    }

    @Test
    void packetsSentBeforeTheConnackAreProcessedOnceTheDeviceIsAccepted() throws Exception {
        try (RawMqttClient client = new RawMqttClient(harness.port)) {
            client.write(RawMqttClient.connectPacket("dev-3", "dev-3@acme", GatewayHarness.PASSWORD),
                    RawMqttClient.publish("t", 7, "{\"a\": 1}".getBytes(UTF_8)));

            assertThat(client.readConnack()).isZero();
            assertThat(client.readPuback()).isEqualTo(7);
        }
        assertThat(harness.downstream.accepted()).singleElement().satisfies(m -> assertThat(m.deviceId()).isEqualTo("dev-3"));
        assertThat(warningsAndErrors()).isEmpty();
    }

    @Test
    void packetsOfARefusedDeviceAreDroppedUnread() throws Exception {
        try (RawMqttClient client = new RawMqttClient(harness.port)) {
            client.write(RawMqttClient.connectPacket("dev-4", "dev-4@acme", "wrong"),
                    RawMqttClient.publish("t", 8, "{\"a\": 1}".getBytes(UTF_8)), PINGREQ);

            assertThat(client.readConnack()).isEqualTo(4);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(harness.downstream.accepted()).isEmpty();
        assertThat(warningsAndErrors()).isEmpty();
    }

    @Test
    void controlCharactersInLoggedClientIdsAndUserNamesAreEscaped() throws Exception {
        try (RawMqttClient client = new RawMqttClient(harness.port)) {
            client.write(RawMqttClient.connectPacket("dev-5\r\n12:00:00 INFO forged line", "intruder\u001b[2J@acme", "wrong"));
            assertThat(client.readConnack()).isEqualTo(4);
        }

        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(log.list)
                .filteredOn(e -> e.getFormattedMessage().startsWith("connection refused")).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("client: dev-5\\r\\n12:00:00 INFO forged line", "user: intruder\\u001b[2J@acme")
                .doesNotContain("\n", "\r", "\u001b"));
    }

    private void assertViolation(String reason, byte[] bytes) throws Exception {
        try (RawMqttClient client = new RawMqttClient(harness.port)) {
            client.write(bytes);
            assertClosedWithOneLine(client, reason);
        }
    }

    private void assertClosedWithOneLine(RawMqttClient client, String reason) throws Exception {
        assertThat(client.closedByServer()).isTrue();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(violations()).singleElement()
                .satisfies(line -> {
                    assertThat(line.getLevel()).isEqualTo(Level.INFO);
                    assertThat(line.getFormattedMessage()).contains("address: 127.0.0.1:").contains(reason);
                    assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
                }));
        assertThat(warningsAndErrors()).isEmpty();
    }

    private List<ILoggingEvent> violations() {
        return log.list.stream().filter(e -> e.getFormattedMessage().contains("protocol violation")).toList();
    }

    private List<String> warningsAndErrors() {
        return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
    }
}
