package org.anju.gateway.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process) for
 * tests and benchmarks: a child JVM run from the Maven Central jars on this JVM's class path
 * ({@code org.apache.kafka:kafka_2.13} and its server modules), no container. The storage is
 * formatted with Kafka's own {@code StorageTool}; {@link #start} returns once the broker answers
 * an admin request. {@link #close} kills it and deletes its folder; a JVM shutdown hook does the
 * same if the test forgets.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int PORT_ATTEMPTS = 3;

    private final Path dir;
    private final int port;
    private final Process process;
    private final Thread reaper;

    private KafkaBroker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.reaper = new Thread(process::destroyForcibly, "kafka-broker-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Formats a fresh log folder and starts the broker on free ports.
     *
     * @param partitions the partitions of each topic created automatically (Hono's tenant topics)
     */
    public static KafkaBroker start(int partitions) throws IOException, InterruptedException {
        // a port found free is closed again before the broker binds it: another process may take it in between
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnFreePorts(partitions);
            } catch (PortTaken e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static KafkaBroker startOnFreePorts(int partitions) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("anju-kafka-");
        int port = freePort();
        int controllerPort = freePort();
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs"),
                "num.partitions=" + partitions,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") );
        String clusterId = Uuid.randomUuid().toString();
        Process format = java(dir, "format.log", "kafka.tools.StorageTool", "format", "-t", clusterId,
                "-c", properties.toString()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("formatting Kafka's storage failed; see " + dir.resolve("format.log"));
        }
        KafkaBroker broker = new KafkaBroker(dir, port, java(dir, "broker.log", "kafka.Kafka", properties.toString()).start());
        try {
            broker.awaitReady(clusterId);
        } catch (PortTaken e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** Returns the bootstrap servers, {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Creates a topic with this many partitions (replication factor 1) and waits until it exists. */
    public void createTopic(String name, int partitions) throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Returns an admin client of this broker; the caller closes it. */
    public Admin admin() {
        // reconnect backoffs of a second: a starting broker is asked (and its refusal logged) once a second, not every 50 ms
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "1000", AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000"));
    }

    /**
     * Returns whether a consumer group has committed every partition of the topics up to its end
     * (a partition never written counts as caught up).
     */
    public boolean groupCaughtUp(String groupId, Collection<String> topics) throws ExecutionException,
            InterruptedException, TimeoutException {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || (committed.get(end.getKey()) != null
                            && committed.get(end.getKey()).offset() == end.getValue().offset()));
        }
    }

    /** Kills the broker and deletes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        deleteTree(dir);
    }

    private void awaitReady(String clusterId) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try (Admin admin = admin()) {
            while (true) {
                if (!process.isAlive()) {
                    if (Files.readString(dir.resolve("broker.log")).contains("Address already in use")) {
                        throw new PortTaken("a port of Kafka's was taken before it started; see " + dir.resolve("broker.log"));
                    }
                    throw new IOException("Kafka exited with " + process.exitValue() + "; see " + dir.resolve("broker.log"));
                }
                try {
                    // blocks up to the admin timeout: the wait between attempts is the broker's own answer time
                    String answering = admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                    if (!clusterId.equals(answering)) {
                        throw new PortTaken("another Kafka (cluster " + answering + ") answers on port " + port);
                    }
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        process.destroyForcibly();
                        throw new IOException("Kafka did not answer within " + START_TIMEOUT + "; see "
                                + dir.resolve("broker.log"), notYet);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                    throw new IOException("interrupted while waiting for Kafka", e);
                }
            }
        }
    }

    private static ProcessBuilder java(Path dir, String log, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logbackConfig(dir),
                "-cp", classPath(), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
    }

    /** A logback configuration that keeps the broker's own chatter at WARN. */
    private static String logbackConfig(Path dir) {
        Path file = dir.resolve("logback-broker.xml");
        try {
            Files.writeString(file, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    /**
     * This JVM's class path; under Surefire and Failsafe that is one manifest-only jar whose
     * {@code Class-Path} names the real entries, which a child JVM needs spelled out.
     */
    static String classPath() {
        String own = System.getProperty("java.class.path");
        String[] entries = own.split(File.pathSeparator);
        if (entries.length != 1 || !entries[0].endsWith(".jar")) {
            return own;
        }
        try (JarFile jar = new JarFile(entries[0])) {
            Manifest manifest = jar.getManifest();
            String manifestPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (manifestPath == null || manifestPath.isBlank()) {
                return own;
            }
            URI base = Path.of(entries[0]).toUri();
            List<String> paths = new ArrayList<>();
            for (String entry : manifestPath.trim().split("\\s+")) {
                paths.add(Path.of(base.resolve(entry)).toString());
            }
            return String.join(File.pathSeparator, paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port chosen for the broker was taken by another process before the broker bound it. */
    private static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
