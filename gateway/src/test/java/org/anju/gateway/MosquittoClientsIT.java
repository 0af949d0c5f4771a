package org.anju.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.AnjuException;

/**
 * Debian's mosquitto_pub and mosquitto_sub (an independent MQTT implementation) against the gateway:
 * publishing with a PUBACK, a refused login, and a command received and answered.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MosquittoClientsIT {

    private GatewayHarness harness;

    @BeforeEach
    void start() throws Exception {
        assertThat(Path.of("/usr/bin/mosquitto_pub")).as("install the mosquitto clients: deploy/local/mosquitto.sh ensure")
                .exists();
        harness = new GatewayHarness(GatewayOptions.defaults(0), GatewayHarness.devices(new TestRegistry()),
                new ScriptedDownstream().autoAccept());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void mosquittoPubIsAcknowledgedUnderMqtt5And311() throws Exception {
        String v5 = run(List.of("mosquitto_pub", "-V", "mqttv5", "-d", "-q", "1", "-t", "telemetry", "-m", "{\"a\": 1}"));
        String v311 = run(List.of("mosquitto_pub", "-V", "mqttv311", "-d", "-q", "1", "-t", "t", "-m", "{\"a\": 2}"));

        assertThat(v5).contains("received PUBACK").contains("RC:0");
        assertThat(v311).contains("received PUBACK");
        assertThat(harness.downstream.accepted()).hasSize(2);
    }

    @Test
    void mosquittoPubWithAWrongPasswordIsRefused() throws Exception {
        Process process = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(harness.port),
                "-u", "dev-1@acme", "-P", "wrong", "-t", "telemetry", "-m", "{}", "-q", "1")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);

        assertThat(process.waitFor()).isNotZero();
        assertThat(output.toLowerCase()).containsAnyOf("not authorised", "bad user name", "refused");
    }

    @Test
    void mosquittoSubReceivesACommandAndMosquittoPubAnswersIt() throws Exception {
        Process subscriber = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(harness.port),
                "-u", "dev-2@acme", "-P", GatewayHarness.PASSWORD, "-i", "dev-2", "-q", "1", "-v", "-C", "1",
                "-t", "command///req/#").redirectErrorStream(true).start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            // read on a thread of its own: a blocked read would outlast the test's timeout; ends with the process
            BufferedReader output = subscriber.inputReader(UTF_8);
            Thread.ofVirtual().start(() -> output.lines().forEach(lines::add));
            List<Future<CommandResponse>> attempts = new ArrayList<>();
            // the subscription is in place once a command is not refused with 503 (not subscribed); an attempt
            // counts only once it is refused or has arrived: how long a refusal takes is no sign of delivery
            await().atMost(30, TimeUnit.SECONDS).until(() -> {
                Future<CommandResponse> attempt = harness.gateway.sendCommand(new CommandRequest("acme", "dev-2",
                        "open", "{\"door\": 1}".getBytes(UTF_8), false, Duration.ofSeconds(30)));
                attempts.add(attempt);
                await().atMost(30, TimeUnit.SECONDS).until(() -> attempt.failed() || !lines.isEmpty());
                if (attempt.failed()) {
                    assertThat(((AnjuException) attempt.cause()).code()).as("not subscribed yet").isEqualTo(503);
                    return false;
                }
                return true;
            });
            String line = lines.take();
            assertThat(line).startsWith("command///req/").contains("/open {\"door\": 1}");
            String requestId = line.split(" ")[0].split("/")[4];

            run(List.of("mosquitto_pub", "-i", "dev-2-answer", "-q", "1", "-t", "command///res/" + requestId + "/200",
                    "-m", "{\"opened\": true}"));

            CommandResponse answer = GatewayHarness.await(attempts.getLast());
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.payload(), UTF_8)).isEqualTo("{\"opened\": true}");
        } finally {
            subscriber.destroy();
        }
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(harness.port), "-u", "dev-2@acme", "-P",
                GatewayHarness.PASSWORD));
        Path output = Files.createTempFile("mosquitto", ".log");
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("mosquitto client finished").isTrue();
        String text = Files.readString(output);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }
}
