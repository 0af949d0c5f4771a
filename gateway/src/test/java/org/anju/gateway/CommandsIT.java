package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.anju.error.AnjuException;

/**
 * Commands both ways: request/response and one-way, to devices and through gateways, long and
 * short topic names, MQTT 5 and 3.1.1, and the failures a caller must see quickly. Devices answer
 * from Paho's callback; the command's future is checked where it completes.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandsIT {

    private GatewayHarness harness;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new GatewayHarness(vertx, GatewayOptions.defaults(0), GatewayHarness.lockerBank(),
                new ScriptedDownstream().autoAccept());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void requestResponseCommandToAnMqtt5Device(VertxTestContext test) throws Exception {
        Device5 device = harness.device5("dev-1").answerCommands(200);
        assertThat(device.subscribe("command///req/#", 1)).isEqualTo(1);

        send("dev-1", "silence", "{\"minutes\": 5}", false).onComplete(test.succeeding(answer -> test.verify(() -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.payload(), UTF_8)).as("the device's answer").isEqualTo("{\"minutes\": 5}");
            assertThat(device.received).singleElement().satisfies(request -> {
                assertThat(request.topic()).startsWith("command///req/").endsWith("/silence");
                assertThat(request.payload()).isEqualTo("{\"minutes\": 5}");
            });
            test.completeNow();
        })));
    }

    @Test
    void shortTopicNamesAndMqtt311(VertxTestContext test) throws Exception {
        Device3 device = harness.closedWithHarness(
                Device3.connect(harness.uri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD)).answerCommands(503);
        device.subscribe("c///q/#", 1);

        send("dev-2", "reset", "", false).onComplete(test.succeeding(answer -> test.verify(() -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(device.received).singleElement().asString().startsWith("c///q/");
            test.completeNow();
        })));
    }

    @Test
    void oneWayCommandHasAnEmptyRequestIdAndCompletesWhenDelivered(VertxTestContext test) throws Exception {
        Device5 device = harness.device5("dev-3");
        device.subscribe("command///req/#", 1);

        send("dev-3", "beep", "", true).onComplete(test.succeeding(delivered -> test.verify(() -> {
            assertThat(delivered.status()).isEqualTo(202);
            assertThat(device.received).extracting(Device5.Received::topic).containsExactly("command///req//beep");
            test.completeNow();
        })));
    }

    @Test
    void gatewayReceivesCommandsForItsDevicesAndAnswersForThem(VertxTestContext test) throws Exception {
        Device5 bank = harness.device5("locker-bank").answerCommands(200);
        bank.subscribe("command//+/req/#", 1);
        Checkpoint answered = test.checkpoint();
        Checkpoint refused = test.checkpoint();

        send("compartment-12", "open", "{\"code\": \"482913\"}", false).onComplete(test.succeeding(answer -> test.verify(() -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(bank.received).extracting(Device5.Received::topic).singleElement().asString()
                    .startsWith("command//compartment-12/req/").endsWith("/open");
            answered.flag();
        })));
        send("compartment-13", "open", "", false).onComplete(test.failing(cause -> test.verify(() -> {
            assertThat(code(cause)).as("the bank is not registered for compartment 13").isEqualTo(503);
            refused.flag();
        })));
    }

    @Test
    void filtersNamingTheTenantAsHonoAllows(VertxTestContext test) throws Exception {
        Device5 device = harness.device5("dev-5").answerCommands(200);
        assertThat(device.subscribe("command/zenith//req/#", 1)).as("another tenant's commands").isEqualTo(0x87);
        assertThat(device.subscribe("command/acme//req/#", 1)).isEqualTo(1);
        Device5 bank = harness.device5("locker-bank").answerCommands(200);
        assertThat(bank.subscribe("command/+/+/req/#", 1)).isEqualTo(1);
        Checkpoint answered = test.checkpoint(2);

        send("dev-5", "silence", "{}", false).onComplete(test.succeeding(answer -> test.verify(() -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(device.received).extracting(Device5.Received::topic).singleElement().asString()
                    .startsWith("command/acme//req/").endsWith("/silence");
            answered.flag();
        })));
        send("compartment-12", "open", "{}", false).onComplete(test.succeeding(answer -> test.verify(() -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(bank.received).extracting(Device5.Received::topic).singleElement().asString()
                    .startsWith("command/acme/compartment-12/req/").endsWith("/open");
            answered.flag();
        })));
    }

    @Test
    void commandToAnUnconnectedDeviceFailsFast(VertxTestContext test) throws Exception {
        Checkpoint failedFast = test.checkpoint(2);
        send("dev-4", "reset", "", false).onComplete(test.failing(cause -> test.verify(() -> {
            assertThat(code(cause)).as("not connected").isEqualTo(503);
            failedFast.flag();
        })));

        harness.device5("dev-4");
        send("dev-4", "reset", "", false).onComplete(test.failing(cause -> test.verify(() -> {
            assertThat(code(cause)).as("connected, not subscribed").isEqualTo(503);
            failedFast.flag();
        })));
    }

    @Test
    void unansweredCommandTimesOutAndALateAnswerIsIgnored(VertxTestContext test) throws Exception {
        Device5 device = harness.device5("dev-5");
        device.subscribe("command///req/#", 0);

        harness.gateway.sendCommand(new CommandRequest("acme", "dev-5", "reset", new byte[0], false, Duration.ofMillis(300)))
                .onComplete(test.failing(cause -> test.verify(() -> {
                    assertThat(code(cause)).isEqualTo(504);
                    test.completeNow();
                })));
        String requestId = device.nextMessage().topic().split("/")[4];
        assertThat(test.awaitCompletion(30, TimeUnit.SECONDS)).isTrue();

        assertThat(device.publishAndAwaitReason("command///res/" + requestId + "/200", "")).as("accepted, ignored").isZero();
    }

    @Test
    void deviceCannotAnswerACommandSentToAnotherDevice(VertxTestContext test) throws Exception {
        Device5 target = harness.device5("dev-6");
        Device5 intruder = harness.device5("dev-7");
        target.subscribe("command///req/#", 1);
        Future<CommandResponse> response = send("dev-6", "open", "", false);
        String requestId = target.nextMessage().topic().split("/")[4];

        intruder.publishAndAwaitReason("command///res/" + requestId + "/200", "forged");
        target.publish("command///res/" + requestId + "/204", "", 1);

        response.onComplete(test.succeeding(answer -> test.verify(() -> {
            assertThat(answer.status()).as("the target's answer, not the forged one").isEqualTo(204);
            test.completeNow();
        })));
    }

    private Future<CommandResponse> send(String device, String name, String payload, boolean oneWay) {
        return harness.gateway.sendCommand(new CommandRequest("acme", device, name, payload.getBytes(UTF_8), oneWay,
                Duration.ofSeconds(10)));
    }

    private static int code(Throwable failure) {
        return ((AnjuException) failure).code();
    }
}
