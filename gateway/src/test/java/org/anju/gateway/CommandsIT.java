package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.AnjuException;

/**
 * Commands both ways: request/response and one-way, to devices and through gateways, long and
 * short topic names, MQTT 5 and 3.1.1, and the failures a caller must see quickly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandsIT {

    private GatewayHarness harness;

    @BeforeEach
    void start() throws Exception {
        TestRegistry registry = GatewayHarness.devices(new TestRegistry())
                .device("acme", "locker-bank", GatewayHarness.PASSWORD)
                .gatewayOf("acme", "locker-bank", "compartment-12");
        harness = new GatewayHarness(GatewayOptions.defaults(0), registry, new ScriptedDownstream().autoAccept());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void requestResponseCommandToAnMqtt5Device() throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-1", "dev-1@acme", GatewayHarness.PASSWORD)) {
            assertThat(device.subscribe("command///req/#", 1)).isEqualTo(1);

            Future<CommandResponse> response = send("dev-1", "silence", "{\"minutes\": 5}", false);
            Device5.Received request = device.nextMessage();
            String[] topic = request.topic().split("/");
            assertThat(request.topic()).startsWith("command///req/").endsWith("/silence");
            assertThat(request.payload()).isEqualTo("{\"minutes\": 5}");
            device.publish("command///res/" + topic[4] + "/200", "{\"silenced\": true}", 1);

            CommandResponse answer = GatewayHarness.await(response);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.payload(), UTF_8)).isEqualTo("{\"silenced\": true}");
        }
    }

    @Test
    void shortTopicNamesAndMqtt311() throws Exception {
        try (Device3 device = Device3.connect(harness.uri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD)) {
            device.subscribe("c///q/#", 1);

            Future<CommandResponse> response = send("dev-2", "reset", "", false);
            String request = device.received.poll(10, TimeUnit.SECONDS);
            assertThat(request).startsWith("c///q/");
            String requestId = request.split(" ")[0].split("/")[4];
            device.publish("c///s/" + requestId + "/503", "busy", 0);

            assertThat(GatewayHarness.await(response).status()).isEqualTo(503);
        }
    }

    @Test
    void oneWayCommandHasAnEmptyRequestIdAndCompletesWhenDelivered() throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-3", "dev-3@acme", GatewayHarness.PASSWORD)) {
            device.subscribe("command///req/#", 1);

            CommandResponse delivered = GatewayHarness.await(send("dev-3", "beep", "", true));

            assertThat(delivered.status()).isEqualTo(202);
            assertThat(device.nextMessage().topic()).isEqualTo("command///req//beep");
        }
    }

    @Test
    void gatewayReceivesCommandsForItsDevicesAndAnswersForThem() throws Exception {
        try (Device5 bank = Device5.connect(harness.uri(), "locker-bank", "locker-bank@acme", GatewayHarness.PASSWORD)) {
            bank.subscribe("command//+/req/#", 1);

            Future<CommandResponse> response = send("compartment-12", "open", "{\"code\": \"482913\"}", false);
            Device5.Received request = bank.nextMessage();
            assertThat(request.topic()).startsWith("command//compartment-12/req/").endsWith("/open");
            String requestId = request.topic().split("/")[4];
            bank.publish("command//compartment-12/res/" + requestId + "/200", "{\"opened\": true}", 1);

            assertThat(GatewayHarness.await(response).status()).isEqualTo(200);
            assertThat(failureCode(send("compartment-13", "open", "", false)))
                    .as("the bank is not registered for compartment 13").isEqualTo(503);
        }
    }

    @Test
    void commandToAnUnconnectedDeviceFailsFast() throws Exception {
        assertThat(failureCode(send("dev-4", "reset", "", false))).isEqualTo(503);
        try (Device5 notSubscribed = Device5.connect(harness.uri(), "dev-4", "dev-4@acme", GatewayHarness.PASSWORD)) {
            assertThat(failureCode(send("dev-4", "reset", "", false))).isEqualTo(503);
        }
    }

    @Test
    void unansweredCommandTimesOutAndALateAnswerIsIgnored() throws Exception {
        try (Device5 device = Device5.connect(harness.uri(), "dev-5", "dev-5@acme", GatewayHarness.PASSWORD)) {
            device.subscribe("command///req/#", 0);

            Future<CommandResponse> response = harness.gateway.sendCommand(new CommandRequest("acme", "dev-5", "reset",
                    new byte[0], false, Duration.ofMillis(300)));
            String requestId = device.nextMessage().topic().split("/")[4];

            assertThat(failureCode(response)).isEqualTo(504);
            assertThat(device.publishAndAwaitReason("command///res/" + requestId + "/200", "")).isZero();
        }
    }

    @Test
    void deviceCannotAnswerACommandSentToAnotherDevice() throws Exception {
        try (Device5 target = Device5.connect(harness.uri(), "dev-6", "dev-6@acme", GatewayHarness.PASSWORD);
                Device5 intruder = Device5.connect(harness.uri(), "dev-7", "dev-7@acme", GatewayHarness.PASSWORD)) {
            target.subscribe("command///req/#", 1);
            Future<CommandResponse> response = send("dev-6", "open", "", false);
            String requestId = target.nextMessage().topic().split("/")[4];

            intruder.publishAndAwaitReason("command///res/" + requestId + "/200", "forged");
            target.publish("command///res/" + requestId + "/204", "", 1);

            assertThat(GatewayHarness.await(response).status()).isEqualTo(204);
        }
    }

    private Future<CommandResponse> send(String device, String name, String payload, boolean oneWay) {
        return harness.gateway.sendCommand(new CommandRequest("acme", device, name, payload.getBytes(UTF_8), oneWay,
                Duration.ofSeconds(10)));
    }

    private static int failureCode(Future<CommandResponse> response) throws Exception {
        try {
            GatewayHarness.await(response);
            throw new AssertionError("expected the command to fail");
        } catch (ExecutionException e) {
            return ((AnjuException) e.getCause()).code();
        }
    }
}
