package org.anju.platform.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.gateway.kafka.KafkaBroker;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * Commands through Eclipse Hono's Kafka command API between two processes and a real KRaft broker:
 * instance B takes {@code POST /api/v1/devices/{id}/commands} and sends with Hono's
 * {@code KafkaBasedCommandSender} to {@code hono.command.acme}; the device is connected to instance
 * A's gateway, which reads the command from Kafka, delivers it and writes the device's answer to
 * {@code hono.command_response.acme}, where B's sender finds it by correlation id. B has no session
 * with the device: nothing but Kafka connects the two.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaCommandsIT {

    private static final String SECRET = "command-secret";
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(1);
        // created with the tenant, as a deployment does
        broker.createTopic("hono.command." + Fixtures.TENANT, 1);
        broker.createTopic("hono.command_response." + Fixtures.TENANT, 1);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void requestResponseOneWayAndTimeoutThroughKafka() throws Exception {
        // GIVEN instance A (its gateway on Kafka) and instance B (the API), commands through Kafka
        try (RunningPlatform a = RunningPlatform.start(kafka("kafka"));
                RunningPlatform b = RunningPlatform.alongside(a, kafka("database"))) {
            a.fixtures().device("locker-1", "parcel_locker", SECRET).device("det-22", "smoke_detector", SECRET)
                    .propertyUser("olga", "olga-password", "operator");
            String operator = b.login("olga", "olga-password");
            try (Device5 locker = Device5.connect(a.mqttUri(), "locker-1", "locker-1@" + Fixtures.TENANT, SECRET)) {
                locker.subscribe("command///req/#", 1);

                // WHEN B is asked for a request/response command
                CompletableFuture<HttpResponse<String>> call = post(b, "/api/v1/devices/locker-1/commands",
                        "{\"name\": \"open-compartment\", \"payload\": {\"compartment\": 12}}", operator);
                // THEN the device gets it through A's gateway, and its answer comes back through Kafka
                Device5.Received request = locker.nextMessage();
                assertThat(request.topic()).startsWith("command///req/").endsWith("/open-compartment");
                assertThat(request.payload()).isEqualTo("{\"compartment\":12}");
                String requestId = request.topic().split("/")[4];
                locker.publish("command///res/" + requestId + "/200", "{\"opened\": 12}", 1).waitForCompletion(30_000);
                HttpResponse<String> answered = call.get(60, TimeUnit.SECONDS);
                assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
                JsonNode body = RunningPlatform.json(answered);
                assertThat(body.get("status").asInt()).isEqualTo(200);
                assertThat(body.get("payload").get("opened").asInt()).isEqualTo(12);

                // WHEN the device answers a command with an error status, that is its answer, as in-process
                call = post(b, "/api/v1/devices/locker-1/commands", "{\"name\": \"open-compartment\"}", operator);
                locker.publish("command///res/" + locker.nextMessage().topic().split("/")[4] + "/409",
                        "{\"error\": \"compartment in use\"}", 1).waitForCompletion(30_000);
                answered = call.get(60, TimeUnit.SECONDS);
                assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
                assertThat(RunningPlatform.json(answered).get("status").asInt()).isEqualTo(409);

                // WHEN a one-way command is sent: 202 once Kafka has it, and the device gets it without a req-id
                HttpResponse<String> oneWay = post(b, "/api/v1/devices/locker-1/commands",
                        "{\"name\": \"lights-off\", \"oneWay\": true}", operator).get(60, TimeUnit.SECONDS);
                assertThat(oneWay.statusCode()).as(oneWay.body()).isEqualTo(202);
                assertThat(locker.nextMessage().topic()).isEqualTo("command///req//lights-off");
            }

            // WHEN the device is connected to no gateway: the sender's timeout answers (504)
            HttpResponse<String> timedOut = post(b, "/api/v1/devices/det-22/commands",
                    "{\"name\": \"silence\", \"timeoutSeconds\": 2}", operator).get(60, TimeUnit.SECONDS);
            assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(504);
            assertThat(RunningPlatform.json(timedOut).get("error").get("message").asText()).contains("did not answer");
        }
    }

    private static Map<String, String> kafka(String gatewayOutput) {
        return Map.of("ANJU_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "ANJU_KAFKA_GATEWAY_OUTPUT", gatewayOutput, "ANJU_KAFKA_COMMANDS", "kafka");
    }

    private static CompletableFuture<HttpResponse<String>> post(RunningPlatform running, String path, String body,
            String token) {
        return running.http().sendAsync(HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
