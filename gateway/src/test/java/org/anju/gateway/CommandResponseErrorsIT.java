package org.anju.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ServerError;

/**
 * Command responses the gateway cannot take, on Hono's error topic with real Paho clients: a
 * device subscribed to {@code error///#} is told on
 * {@code error/[tenant]/[device]/command-response/{correlation-id}/{status}} (Hono's endpoint
 * segment; the correlation id is the packet id at QoS 1, else {@code -1}) and keeps its
 * connection; without the subscription, the behaviour is the gateway's default.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CommandResponseErrorsIT {

    @Test
    void aSubscribedDeviceIsToldWhyItsResponseWasNotTaken() throws Exception {
        try (GatewayHarness harness = new GatewayHarness(GatewayOptions.defaults(0), GatewayHarness.lockerBank(),
                new ScriptedDownstream().autoAccept())) {
            Device3 device = harness.closedWithHarness(Device3.connect(harness.uri(), "dev-1", "dev-1@acme",
                    GatewayHarness.PASSWORD));
            device.subscribe("command///req/#", 1);
            // GIVEN no error subscription: an answer nobody waits for is acknowledged and dropped, as before
            device.publish("command///res/unknown-1/200", "{}", 1).waitForCompletion(10_000);
            assertThat(device.client.isConnected()).isTrue();

            assertThat(device.subscribe("error///#", 0).getGrantedQos()).containsExactly(0);
            // WHEN it answers a request id nobody waits for
            IMqttDeliveryToken unknown = device.publish("command///res/unknown-2/200", "{}", 1);
            // THEN Hono's error message on the command-response endpoint, 400, then the PUBACK
            JsonObject error = device.nextError("error///command-response/" + unknown.getMessageId() + "/400");
            assertThat(error.getString("message")).contains("unknown-2").contains("unknown, expired or already answered");
            unknown.waitForCompletion(10_000);

            // WHEN its answer comes after the command expired
            CompletableFuture<Throwable> expired = new CompletableFuture<>();
            harness.gateway.sendCommand(new CommandRequest("acme", "dev-1", "reset", new byte[0], false,
                    Duration.ofMillis(300))).onComplete(outcome -> expired.complete(outcome.cause()));
            String requestId = device.received.poll(10, TimeUnit.SECONDS).split("/")[4];
            assertThat(expired.get(10, TimeUnit.SECONDS)).isInstanceOf(ServerError.class);
            IMqttDeliveryToken late = device.publish("command///res/" + requestId + "/200", "{}", 1);
            device.nextError("error///command-response/" + late.getMessageId() + "/400");

            // WHEN the status is not a status (QoS 0: no packet id, so -1)
            device.publish("command///res/" + requestId + "/999", "{}", 0);
            assertThat(device.nextError("error///command-response/-1/400").getString("message")).contains("200..599");

            // THEN it is still connected, and a real answer is taken and acknowledged
            Future<CommandResponse> answered = harness.gateway.sendCommand(new CommandRequest("acme", "dev-1", "open",
                    new byte[0], false, Duration.ofSeconds(10)));
            String next = device.received.poll(10, TimeUnit.SECONDS).split("/")[4];
            device.publish("command///res/" + next + "/204", "", 1).waitForCompletion(10_000);
            assertThat(GatewayHarness.await(answered).status()).isEqualTo(204);
            assertThat(device.received).isEmpty();
            assertThat(device.client.isConnected()).isTrue();
        }
    }

    @Test
    void aGatewayIsToldWhenItAnswersForADeviceItDoesNotActFor() throws Exception {
        try (GatewayHarness harness = new GatewayHarness(GatewayOptions.defaults(0), GatewayHarness.lockerBank(),
                new ScriptedDownstream().autoAccept())) {
            Device3 gateway = harness.closedWithHarness(Device3.connect(harness.uri(), "locker-bank",
                    "locker-bank@acme", GatewayHarness.PASSWORD));
            gateway.subscribe("e//+/#", 0);
            // WHEN it answers for dev-2, which it is not a gateway of
            IMqttDeliveryToken token = gateway.publish("c//dev-2/s/1/200", "{}", 1);
            // THEN the error names the device, short form, endpoint c-s (Hono's short command-response), 403
            JsonObject error = gateway.nextError("e//dev-2/c-s/" + token.getMessageId() + "/403");
            assertThat(error.getString("message")).contains("may not answer for device dev-2");
            token.waitForCompletion(10_000);
            assertThat(gateway.client.isConnected()).isTrue();
        }
    }

    @Test
    void mqtt5PubacksSayWhatBecameOfTheResponse() throws Exception {
        try (GatewayHarness harness = new GatewayHarness(GatewayOptions.defaults(0), GatewayHarness.lockerBank(),
                new ScriptedDownstream().autoAccept())) {
            Device5 device = harness.device5("dev-3");
            device.subscribe("command///req/#", 1);
            // without the error subscription an unknown answer is accepted (0x00), as before
            assertThat(device.publishAndAwaitReason("command///res/nobody/200", "{}")).isZero();

            assertThat(device.subscribe("error///#", 0)).isZero();
            // WHEN it answers nobody: "no matching subscribers" (0x10, a success code: the answer was valid)
            IMqttToken unknown = device.publish("command///res/nobody/200", "{}", 1);
            assertThat(Device5.reasonCode(unknown)).isEqualTo(0x10);
            assertThat(device.nextMessage().topic())
                    .isEqualTo("error///command-response/" + unknown.getMessageId() + "/400");

            // WHEN the answer is valid but the forwarding (Kafka, on that path) does not take it: 503, PUBACK 0x80
            AtomicInteger forwards = new AtomicInteger();
            Future<CommandResponse> command = harness.gateway.sendCommand(new CommandRequest("acme", "dev-3", "open",
                    new byte[0], false, Duration.ofSeconds(10)),
                    response -> forwards.incrementAndGet() == 1
                            ? Future.failedFuture(ServerError.unavailable("Kafka did not take it", null))
                            : Future.succeededFuture());
            String requestId = device.nextMessage().topic().split("/")[4];
            IMqttToken notTaken = device.publish("command///res/" + requestId + "/200", "{}", 1);
            assertThat(Device5.reasonCode(notTaken)).isEqualTo(0x80);
            Device5.Received error = device.nextMessage();
            assertThat(error.topic()).isEqualTo("error///command-response/" + notTaken.getMessageId() + "/503");
            assertThat(new JsonObject(error.payload()).getString("message")).isEqualTo("not stored, try again later");
            assertThat(device.client.isConnected()).isTrue();

            // THEN, told to try again, the device sends it again: it is forwarded this time, and answers the caller
            IMqttToken again = device.publish("command///res/" + requestId + "/200", "{}", 1);
            assertThat(Device5.reasonCode(again)).isZero();
            assertThat(forwards).hasValue(2);
            assertThat(GatewayHarness.await(command).status()).as("the caller has the answer").isEqualTo(200);
        }
    }

    @Test
    void withoutTheSubscriptionAResponseNotForwardedIsNotAcknowledged() throws Exception {
        try (GatewayHarness harness = new GatewayHarness(GatewayOptions.defaults(0), GatewayHarness.lockerBank(),
                new ScriptedDownstream().autoAccept())) {
            Device3 device = harness.closedWithHarness(Device3.connect(harness.uri(), "dev-4", "dev-4@acme",
                    GatewayHarness.PASSWORD));
            device.subscribe("command///req/#", 1);
            harness.gateway.sendCommand(new CommandRequest("acme", "dev-4", "open", new byte[0], false,
                    Duration.ofSeconds(10)), response -> Future.failedFuture(ServerError.unavailable("down", null)));
            String requestId = device.received.poll(10, TimeUnit.SECONDS).split("/")[4];
            // WHEN the answer is not forwarded: MQTT 3.1.1 has no negative PUBACK, the connection closes (as Hono's)
            IMqttDeliveryToken token = device.publish("command///res/" + requestId + "/200", "{}", 1);
            assertThat(device.awaitLost()).isNotNull();
            assertThat(device.acknowledged).doesNotContain(token.getMessageId());
        }
    }
}
