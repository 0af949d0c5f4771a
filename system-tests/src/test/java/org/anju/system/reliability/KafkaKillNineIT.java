package org.anju.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.kafka.KafkaBroker;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;
import org.anju.platform.testing.TestDatabases;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.load.Ledger;
import org.anju.simulator.load.LedgerCheck;
import org.anju.simulator.load.LoadRun;
import org.anju.system.testing.ChildPlatforms;

/**
 * The Hono/Kafka mode under load, with a crash: devices publish to a gateway that produces
 * Hono records to a real KRaft broker; two platform instances, each {@code anju run} in its own
 * JVM, consume them as one group into one database; one instance is SIGKILLed mid-stream and the
 * other takes over its partitions. Every acknowledged message is stored, once.
 */
@Timeout(600)
class KafkaKillNineIT {

    private static final String GROUP = "anju-kill-it";
    private static final String METRICS_TOKEN = "kafka-kill-nine-metrics";
    private static final Pattern DUPLICATES = Pattern.compile("(?m)^anju_ingest_messages_duplicate_total\\{[^}]*} (\\S+)$");

    @Test
    void aKilledConsumerLosesNothingAndDuplicatesNothing() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(4)) {
            broker.createTopic("hono.telemetry." + Fixtures.TENANT, 4);
            broker.createTopic("hono.event." + Fixtures.TENANT, 4);
            TestDatabases.TestDatabase database = TestDatabases.primary().create();
            // GIVEN the gateway (producing to Kafka, consuming nothing) and two consuming instances
            try (RunningPlatform gateway = RunningPlatform.startOn(database, kafka(broker, true, false))) {
                List<DeviceManifest.Device> devices = LoadFleet.provision(gateway.fixtures(), 2);
                Instance first = Instance.start(database, broker, "first");
                Instance second = Instance.start(database, broker, "second");
                try (LoadRun load = LoadRun.start(devices, new LoadRun.Options(gateway.mqttUri(), 600, 16))) {
                    Ledger ledger = load.ledger();
                    assertThat(load.awaitConnected(Duration.ofSeconds(30))).isTrue();
                    await().atMost(Duration.ofSeconds(60)).until(() -> ledger.acknowledgedCount() >= 1_000);

                    // WHEN one consumer is SIGKILLed mid-stream, and the devices keep publishing
                    first.process.destroyForcibly();
                    assertThat(first.process.waitFor()).as("exit status of a SIGKILLed process").isEqualTo(137);
                    long ackedAtKill = ledger.acknowledgedCount();
                    await().atMost(Duration.ofSeconds(60)).until(() -> ledger.acknowledgedCount() >= ackedAtKill + 1_000);
                    load.close();

                    // THEN once the survivor has taken over and caught up, nothing is lost and nothing doubled
                    await().atMost(Duration.ofSeconds(120)).until(() -> LedgerCheck.check(ledger, database.url(), "", "")
                            .lost() == 0);
                    LedgerCheck.Report report = LedgerCheck.check(ledger, database.url(), "", "");
                    System.out.println("KafkaKillNineIT " + report + ", redelivered records fenced by the survivor: "
                            + second.duplicatesFenced());
                    assertThat(report.lost()).as(report + ", logs in " + first.log.getParent()).isZero();
                    assertThat(report.duplicated()).as(report.toString()).isZero();
                    assertThat(report.acknowledged()).isGreaterThanOrEqualTo(2_000);
                } finally {
                    first.process.destroyForcibly();
                    second.process.destroy();
                    second.process.waitFor();
                }
            } finally {
                database.close();
            }
        }
    }

    /** One consuming platform instance in its own JVM. */
    private record Instance(Process process, int httpPort, Path log) {

        static Instance start(TestDatabases.TestDatabase database, KafkaBroker broker, String name) throws Exception {
            Path dataDir = Files.createTempDirectory("anju-kafka-" + name);
            int httpPort = ChildPlatforms.freePort();
            Map<String, String> env = kafka(broker, false, true);
            env.putAll(Map.of(
                    "ANJU_DB_URL", database.url(),
                    "ANJU_DATA_DIR", dataDir.toString(),
                    "ANJU_HTTP_HOST", "127.0.0.1",
                    "ANJU_HTTP_PORT", Integer.toString(httpPort),
                    "ANJU_HTTP_METRICS_TOKEN", METRICS_TOKEN,
                    "ANJU_MQTT_HOST", "127.0.0.1",
                    "ANJU_MQTT_PORT", Integer.toString(ChildPlatforms.freePort()),
                    "ANJU_SECURITY_BCRYPT_COST", Integer.toString(Fixtures.TEST_BCRYPT_COST)));
            Path log = dataDir.resolve("platform.log");
            return new Instance(ChildPlatforms.start(env, log, httpPort), httpPort, log);
        }

        /** The messages from Kafka this instance found stored already (redelivered after the kill). */
        double duplicatesFenced() throws Exception {
            Matcher lanes = DUPLICATES.matcher(ChildPlatforms.get(httpPort, "/metrics", Map.of("Authorization", "Bearer " + METRICS_TOKEN)).body());
            double sum = 0;
            while (lanes.find()) {
                sum += Double.parseDouble(lanes.group(1));
            }
            return sum;
        }
    }

    private static Map<String, String> kafka(KafkaBroker broker, boolean gatewayToKafka, boolean consume) {
        Map<String, String> env = new HashMap<>();
        env.put("ANJU_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("ANJU_KAFKA_GATEWAY_OUTPUT", gatewayToKafka ? "kafka" : "database");
        env.put("ANJU_KAFKA_CONSUME", Boolean.toString(consume));
        env.put("ANJU_KAFKA_GROUP_ID", GROUP);
        // the survivor takes a killed member's partitions after this (Kafka's minimum; 45 s by default)
        env.put("ANJU_KAFKA_SESSION_TIMEOUT", "6s");
        return env;
    }
}
