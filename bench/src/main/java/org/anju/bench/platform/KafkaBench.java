package org.anju.bench.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.anju.bench.AnjuVersion;
import org.anju.gateway.kafka.KafkaBroker;
import org.anju.platform.AnjuMain;
import org.anju.platform.AnjuPlatform;
import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.load.Ledger;
import org.anju.simulator.load.LedgerCheck;
import org.anju.simulator.load.LoadRun;

/**
 * Benchmark of the Hono/Kafka mode: simulated devices publish at QoS 1 as fast as acknowledged to
 * a gateway that produces Hono records to a KRaft broker (started here, a child JVM); platform
 * instances, each {@code anju run} in its own JVM, consume them as one group into a fresh database.
 * Run with one instance, then with two (a fresh database, tenant and group each). Per run:
 * messages/s stored end to end (acknowledged messages over the time from the first publish until
 * the group has committed everything), PUBACK p50/p99 (Kafka's acknowledgement), the lag (how long
 * after the last publish the group was done, within Hono's 1 s commit interval) and the ledger.
 * <p>
 * The last line is {@code summary msgs_per_s_1=… msgs_per_s_2=… scaling=… puback_p99_ms=… lost=…
 * duplicated=…}.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Devices -> gateway -> Kafka -> 1, then 2 platform instances -> database at QoS 1; scaling ratio.")
public final class KafkaBench implements Callable<Integer> {

    private static final int PARTITIONS = 4;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Option(names = "--db-url", required = true,
            description = "JDBC URL of the server (user and password in it); a fresh database is created there per run.")
    String serverUrl;

    @Option(names = "--devices", defaultValue = "60", description = "Simulated devices (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--seconds", defaultValue = "30", description = "Seconds of load per run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--window", defaultValue = "32",
            description = "Unacknowledged messages per device (default ${DEFAULT-VALUE}).")
    int window;

    private final PrintStream out;

    public KafkaBench(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> summary = new LinkedHashMap<>();
        boolean nothingLost = true;
        double[] rates = new double[3];
        double pubackP99 = 0;
        long lost = 0;
        long duplicated = 0;
        try (KafkaBroker broker = KafkaBroker.start(PARTITIONS)) {
            out.println("kafka: one KRaft broker at " + broker.bootstrapServers() + ", " + PARTITIONS + " partitions per topic");
            for (int instances = 1; instances <= 2; instances++) {
                Run run = run(broker, instances);
                rates[instances] = run.messagesPerSecond();
                pubackP99 = Math.max(pubackP99, run.pubackP99Millis());
                lost += run.check().lost();
                duplicated += run.check().duplicated();
                nothingLost &= run.check().nothingLost();
            }
        }
        summary.put("msgs_per_s_1", format(rates[1]));
        summary.put("msgs_per_s_2", format(rates[2]));
        summary.put("scaling", String.format(Locale.ROOT, "%.2f", rates[2] / rates[1]));
        summary.put("puback_p99_ms", format(pubackP99));
        summary.put("lost", Long.toString(lost));
        summary.put("duplicated", Long.toString(duplicated));
        StringBuilder line = new StringBuilder("summary");
        summary.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        out.println(line);
        return nothingLost ? 0 : 1;
    }

    /** One run's figures. */
    private record Run(double messagesPerSecond, double pubackP99Millis, LedgerCheck.Report check) {
    }

    private Run run(KafkaBroker broker, int instances) throws Exception {
        String tenant = "kbench" + instances;
        for (String topic : topics(tenant)) {
            broker.createTopic(topic, PARTITIONS);
        }
        BenchDatabase database = BenchDatabase.create(serverUrl, "anju_bench_kafka" + instances);
        List<Process> consumers = new ArrayList<>();
        try (AnjuPlatform gateway = BenchPlatform.start(database.url(), kafkaEnv(broker, tenant, true, false))) {
            List<DeviceManifest.Device> fleet = IngestBench.provision(gateway.registrar(), tenant, tenant + "-c", devices);
            for (int i = 0; i < instances; i++) {
                consumers.add(startConsumer(database.url(), broker, tenant, i));
            }
            out.printf("run with %d platform instance(s): %d devices (VERTX client), window %d, %d s%n", instances,
                    fleet.size(), window, seconds);
            Ledger ledger;
            long started;
            long loadEnded;
            try (LoadRun load = LoadRun.start(fleet, new LoadRun.Options("tcp://127.0.0.1:" + gateway.mqttPort(), 0, window,
                    LoadRun.Client.VERTX))) {
                ledger = load.ledger();
                if (!load.awaitConnected(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("only " + load.connectedDevices() + " of " + fleet.size() + " connected");
                }
                started = System.nanoTime();
                Thread.sleep(seconds * 1000L); // the load is a span of time, not a condition
                loadEnded = System.nanoTime();
            }
            long caughtUp = awaitGroupCaughtUp(broker, tenant);
            LedgerCheck.Report check = LedgerCheck.check(ledger, database.url(), "", "");
            double elapsed = (caughtUp - started) / 1e9;
            double rate = ledger.acknowledgedCount() / elapsed;
            double lagMillis = Math.max(0, (caughtUp - loadEnded) / 1e6);
            out.printf(Locale.ROOT, "  end to end: %,d messages acknowledged and stored in %.1f s: %,.0f messages/s%n",
                    ledger.acknowledgedCount(), elapsed, rate);
            out.printf(Locale.ROOT, "  PUBACK latency (Kafka's acknowledgement): p50 %.2f ms, p99 %.2f ms%n",
                    ledger.pubackLatency().percentileMillis(50), ledger.pubackLatency().percentileMillis(99));
            out.printf(Locale.ROOT, "  end-to-end lag when the load stopped: %.0f ms (the group committed all within it)%n",
                    lagMillis);
            out.printf("  ledger: %s (refused %d, unanswered %d)%n", check, ledger.refusedCount(), ledger.unansweredCount());
            return new Run(rate, ledger.pubackLatency().percentileMillis(99), check);
        } finally {
            for (Process consumer : consumers) {
                consumer.destroy();
                consumer.waitFor(30, TimeUnit.SECONDS);
            }
            database.drop();
            // the next run's instances read every tenant's topics (hono.telemetry.*): left here,
            // this run's records would be theirs to read and drop as devices of no registry
            try (Admin admin = broker.admin()) {
                admin.deleteTopics(topics(tenant)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> topics(String tenant) {
        return List.of("hono.telemetry." + tenant, "hono.event." + tenant);
    }

    private static Map<String, String> kafkaEnv(KafkaBroker broker, String group, boolean produce, boolean consume) {
        Map<String, String> env = new HashMap<>();
        env.put("ANJU_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("ANJU_KAFKA_GATEWAY_OUTPUT", produce ? "kafka" : "database");
        env.put("ANJU_KAFKA_CONSUME", Boolean.toString(consume));
        env.put("ANJU_KAFKA_GROUP_ID", group);
        return env;
    }

    /** Starts {@code anju run} consuming as a member of the run's group; returns once it is ready. */
    private Process startConsumer(String dbUrl, KafkaBroker broker, String group, int index) throws Exception {
        Path dataDir = Files.createTempDirectory("anju-bench-kafka");
        int httpPort = freePort();
        Map<String, String> env = kafkaEnv(broker, group, false, true);
        env.put("ANJU_DB_URL", dbUrl);
        env.put("ANJU_DATA_DIR", dataDir.toString());
        env.put("ANJU_HTTP_HOST", "127.0.0.1");
        env.put("ANJU_HTTP_PORT", Integer.toString(httpPort));
        env.put("ANJU_MQTT_HOST", "127.0.0.1");
        env.put("ANJU_MQTT_PORT", Integer.toString(freePort()));
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                AnjuMain.class.getName(), "run").redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("platform.log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!ready(httpPort)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("platform instance " + index + " did not start; see "
                        + dataDir.resolve("platform.log"));
            }
            Thread.sleep(200); // a poll of a child process's readiness, in a command, not a test
        }
        out.println("  platform instance " + index + " ready (log " + dataDir.resolve("platform.log") + ")");
        return process;
    }

    /** Waits until the group has committed every partition of the run's topics to its end; returns when (nanoTime). */
    private static long awaitGroupCaughtUp(KafkaBroker broker, String tenant) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics(tenant)) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        try (Admin admin = broker.admin()) {
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(tenant)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                boolean done = ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || (committed.get(end.getKey()) != null
                                && committed.get(end.getKey()).offset() >= end.getValue().offset()));
                if (done) {
                    return System.nanoTime();
                }
                Thread.sleep(100); // polls Kafka's committed offsets
            }
        }
        throw new IllegalStateException("the consumer group did not catch up within 10 minutes");
    }

    private static boolean ready(int httpPort) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }
}
