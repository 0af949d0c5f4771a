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
 * Who receives a device's commands: the device itself, or a gateway registered for it (via), checked
 * when a device subscribes and again when each command is sent; every other subscription is
 * refused, so that no device can take another's commands (open a locker compartment, reset a fire
 * panel). Real Paho clients, MQTT 5 and 3.1.1.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandIsolationIT {

    private static final int SUBACK_NOT_AUTHORIZED = 0x87;
    private static final int SUBACK_FAILURE = 0x80;

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
    void anotherDevicesSubscriptionIsRefusedAndTheOwnerKeepsReceivingItsCommands(VertxTestContext test) throws Exception {
        Device5 owner = harness.device5("dev-1").answerCommands(200);
        Device5 intruder = harness.device5("dev-2");
        assertThat(owner.subscribe("command///req/#", 1)).isEqualTo(1);

        assertThat(intruder.subscribe("command//dev-1/req/#", 1)).as("MQTT 5 SUBACK").isEqualTo(SUBACK_NOT_AUTHORIZED);

        send("dev-1", "open-compartment").onComplete(test.succeeding(response -> test.verify(() -> {
            assertThat(response.status()).as("the owner answered").isEqualTo(200);
            assertThat(owner.received).hasSize(1);
            assertThat(intruder.received).as("the intruder got nothing").isEmpty();
            test.completeNow();
        })));
    }

    @Test
    void mqtt311SubscriptionToAnotherDevicesCommandsFails(VertxTestContext test) throws Exception {
        Device5 owner = harness.device5("dev-3").answerCommands(204);
        owner.subscribe("c///q/#", 1);
        Device3 intruder = harness.closedWithHarness(
                Device3.connect(harness.uri(), "dev-4", "dev-4@acme", GatewayHarness.PASSWORD));

        assertThat(intruder.subscribe("c//dev-3/q/#", 1).getGrantedQos()).as("MQTT 3.1.1 SUBACK").containsExactly(SUBACK_FAILURE);

        send("dev-3", "reset").onComplete(test.succeeding(response -> test.verify(() -> {
            assertThat(response.status()).isEqualTo(204);
            assertThat(intruder.received).isEmpty();
            test.completeNow();
        })));
    }

    @Test
    void aGatewayReceivesCommandsForItsRegisteredDevicesOnly(VertxTestContext test) throws Exception {
        Device5 bank = harness.device5("locker-bank").answerCommands(200);
        assertThat(bank.subscribe("command//+/req/#", 1)).as("a wildcard is granted").isEqualTo(1);
        assertThat(bank.subscribe("command//compartment-13/req/#", 1)).as("not its device").isEqualTo(SUBACK_NOT_AUTHORIZED);
        Checkpoint registeredDevice = test.checkpoint();
        Checkpoint otherDevice = test.checkpoint();

        send("compartment-12", "open").onComplete(test.succeeding(response -> test.verify(() -> {
            assertThat(response.status()).isEqualTo(200);
            assertThat(bank.received).extracting(Device5.Received::topic).singleElement()
                    .asString().startsWith("command//compartment-12/req/");
            registeredDevice.flag();
        })));
        send("compartment-13", "open").onComplete(test.failing(cause -> test.verify(() -> {
            assertThat(((AnjuException) cause).code()).as("nobody may receive it").isEqualTo(503);
            otherDevice.flag();
        })));
        test.awaitCompletion(30, TimeUnit.SECONDS);
        assertThat(bank.received).as("compartment 13's command never reached the bank").hasSize(1);
    }

    @Test
    void aWildcardOfADeviceThatIsNoGatewayReceivesNothing(VertxTestContext test) throws Exception {
        Device5 curious = harness.device5("dev-5");
        assertThat(curious.subscribe("command//+/req/#", 1)).isEqualTo(1);

        send("dev-6", "reset").onComplete(test.failing(cause -> test.verify(() -> {
            assertThat(((AnjuException) cause).code()).isEqualTo(503);
            assertThat(curious.received).isEmpty();
            test.completeNow();
        })));
    }

    @Test
    void revokingTheViaStopsRoutingToTheGateway(VertxTestContext test) throws Exception {
        Device5 bank = harness.device5("locker-bank").answerCommands(200);
        assertThat(bank.subscribe("command//compartment-12/req/#", 1)).isEqualTo(1);

        send("compartment-12", "open")
                .compose(first -> {
                    harness.registry.revokeGatewayOf("acme", "locker-bank", "compartment-12");
                    return send("compartment-12", "open");
                })
                .onComplete(test.failing(cause -> test.verify(() -> {
                    assertThat(((AnjuException) cause).code()).as("no longer anyone's to receive").isEqualTo(503);
                    assertThat(bank.received).as("only the command before the revocation").hasSize(1);
                    test.completeNow();
                })));
    }

    private Future<CommandResponse> send(String deviceId, String name) {
        return harness.gateway.sendCommand(new CommandRequest("acme", deviceId, name, "{}".getBytes(UTF_8), false,
                Duration.ofSeconds(10)));
    }
}
