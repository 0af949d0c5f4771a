package org.anju.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Password guessing over MQTT: failures from one address are answered ever later; after a few for
 * one user name that user name is locked at the address, after more for any user names the whole
 * address is: a locked CONNECT is refused at once with the lock's CONNACK code, without its
 * credentials being checked (no bcrypt spent), until the lock ends. A neighbour behind the same
 * address still gets in while only a broken device's name is locked. A registry that cannot answer
 * (its hashing pool full) is "server unavailable" and no failure of the device's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthThrottleIT {

    private static final int MAX_FAILURES = 3;
    private static final int MAX_ADDRESS_FAILURES = 5;
    private static final Duration LOCK = Duration.ofMinutes(5);
    private static final GatewayOptions.AuthThrottle THROTTLE = new GatewayOptions.AuthThrottle(MAX_FAILURES,
            MAX_ADDRESS_FAILURES, Duration.ofMillis(10), Duration.ofMillis(40), LOCK);
    private static final int MQTT5_BAD_CREDENTIALS = 0x86;
    private static final int MQTT5_CONNECTION_RATE_EXCEEDED = 0x9F;
    private static final int MQTT5_SERVER_UNAVAILABLE = 0x88;
    private static final int MQTT3_BAD_CREDENTIALS = 4;
    private static final int MQTT3_NOT_AUTHORIZED = 5;
    private static final int MQTT3_SERVER_UNAVAILABLE = 3;

    // the throttle's time stands still until the test moves it: a slow machine neither ends a lock early nor
    // lets failures be forgotten between two guesses
    private final AtomicLong nanoTime = new AtomicLong(System.nanoTime());
    private GatewayHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new GatewayHarness(GatewayOptions.defaults(0).withAuthThrottle(THROTTLE),
                GatewayHarness.devices(new TestRegistry()), nanoTime::get);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void mqtt5GuessingOneDevicesSecretLocksItButNotItsNeighbourUntilTheLockEnds() throws Exception {
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(refusal("dev-1@acme", "guess-" + i)).isEqualTo(MQTT5_BAD_CREDENTIALS);
        }
        int checked = harness.registry.authentications.get();

        assertThat(refusal("dev-1@acme", GatewayHarness.PASSWORD)).as("locked: even the right password")
                .isEqualTo(MQTT5_CONNECTION_RATE_EXCEEDED);
        assertThat(harness.registry.authentications.get()).as("no credentials checked while locked").isEqualTo(checked);
        try (Device5 neighbour = Device5.connect(harness.uri(), "dev-2", "dev-2@acme", GatewayHarness.PASSWORD)) {
            assertThat(neighbour.publishAndAwaitReason("t", "{\"a\": 1}")).as("same address, another device").isZero();
        }

        nanoTime.addAndGet(LOCK.minusMillis(1).toNanos());
        assertThat(refusal("dev-1@acme", GatewayHarness.PASSWORD)).as("a millisecond before the lock ends")
                .isEqualTo(MQTT5_CONNECTION_RATE_EXCEEDED);
        nanoTime.addAndGet(Duration.ofMillis(1).toNanos());
        try (Device5 device = Device5.connect(harness.uri(), "dev-1", "dev-1@acme", GatewayHarness.PASSWORD)) {
            assertThat(device.publishAndAwaitReason("t", "{\"a\": 1}")).as("the lock has ended").isZero();
        }
    }

    @Test
    void tryingManyUserNamesLocksTheWholeAddress() throws Exception {
        for (int i = 0; i < MAX_ADDRESS_FAILURES; i++) {
            assertThat(refusal("nobody-" + i + "@acme", "guess")).isEqualTo(MQTT5_BAD_CREDENTIALS);
        }

        assertThat(refusal("dev-2@acme", GatewayHarness.PASSWORD)).as("every name from the address")
                .isEqualTo(MQTT5_CONNECTION_RATE_EXCEEDED);
    }

    @Test
    void mqtt311IsToldNotAuthorizedWhileLocked() throws Exception {
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(rawConnect("dev-3@acme", "guess-" + i)).isEqualTo(MQTT3_BAD_CREDENTIALS);
        }

        assertThat(rawConnect("dev-3@acme", GatewayHarness.PASSWORD)).isEqualTo(MQTT3_NOT_AUTHORIZED);
    }

    @Test
    void aBusyRegistryIsServerUnavailableAndCountsNoFailure() throws Exception {
        harness.registry.unavailable(true);
        for (int i = 0; i <= MAX_FAILURES; i++) {
            assertThat(refusal("dev-4@acme", GatewayHarness.PASSWORD)).isEqualTo(MQTT5_SERVER_UNAVAILABLE);
        }
        assertThat(rawConnect("dev-4@acme", GatewayHarness.PASSWORD)).isEqualTo(MQTT3_SERVER_UNAVAILABLE);

        harness.registry.unavailable(false);
        try (Device5 device = Device5.connect(harness.uri(), "dev-4", "dev-4@acme", GatewayHarness.PASSWORD)) {
            assertThat(device.publishAndAwaitReason("t", "{\"a\": 1}")).as("not locked").isZero();
        }
    }

    private int refusal(String username, String password) {
        Throwable refused = catchThrowable(() -> Device5.connect(harness.uri(), "guesser", username, password).close());
        assertThat(refused).isInstanceOf(MqttException.class);
        return ((MqttException) refused).getReasonCode();
    }

    private int rawConnect(String username, String password) throws Exception {
        try (RawMqttClient client = new RawMqttClient(harness.port)) {
            return client.connect("guesser-3", username, password);
        }
    }
}
