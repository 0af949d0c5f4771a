package org.anju.bench.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.anju.bench.AnjuVersion;

/**
 * {@code ./anju bench gateway}: QoS 1 accept rate and PUBACK latency of the gateway (no-op durable
 * downstream) and of Debian's mosquitto, measured with the same load generator in the same run,
 * then idle connections held by the gateway and its heap per connection.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = "Gateway vs mosquitto: QoS 1 messages/s, PUBACK latency, heap per idle connection.")
public final class GatewayBench implements Callable<Integer> {

    @Option(names = "--connections", defaultValue = "100", description = "Publishing connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--messages", defaultValue = "3000", description = "QoS 1 messages per connection (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--window", defaultValue = "32",
            description = "Unacknowledged messages in flight per connection: pipelining (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--payload-bytes", defaultValue = "200", description = "Payload size (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--idle-connections", defaultValue = "19000",
            description = "Idle connections for the heap test; ulimit -n bounds it (default: ${DEFAULT-VALUE}).")
    int idleConnections;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Measured runs per server after one warm-up; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--mosquitto", defaultValue = "/usr/sbin/mosquitto", description = "The mosquitto broker binary.")
    Path mosquitto;

    record Run(long messages, double seconds, long p50Us, long p99Us, long maxUs) {
        double perSecond() {
            return messages / seconds;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isExecutable(mosquitto)) {
            System.err.println("bench: " + mosquitto + " is missing: run deploy/local/mosquitto.sh ensure");
            return 2;
        }
        System.out.printf("load: %d connections x %d QoS 1 messages of %d bytes, %d in flight per connection%n",
                connections, messages, payloadBytes, window);
        Run gateway;
        try (BenchProcess server = BenchProcess.java(BenchServer.class, "1g")) {
            int port = Integer.parseInt(server.awaitLine("port=").substring(5));
            gateway = measure(port);
        }
        Run bare;
        try (BenchProcess server = BenchProcess.java(BenchServer.class, "1g", "bare")) {
            int port = Integer.parseInt(server.awaitLine("port=").substring(5));
            bare = measure(port);
        }
        Run broker;
        Path config = Files.createTempFile("anju-bench-mosquitto", ".conf");
        int brokerPort = freePort();
        Files.writeString(config, "listener " + brokerPort + " 127.0.0.1\nallow_anonymous true\n"
                + "max_inflight_messages 0\nmax_queued_messages 0\nlog_dest none\n");
        try (BenchProcess server = BenchProcess.command(mosquitto.toString(), "-c", config.toString())) {
            waitForPort(brokerPort);
            broker = measure(brokerPort);
        } finally {
            Files.deleteIfExists(config);
        }
        print("anju gateway", gateway);
        print("mosquitto", broker);
        print("bare Vert.x", bare);
        double ratio = gateway.perSecond() / broker.perSecond();
        System.out.printf("ratio (gateway / mosquitto messages/s): %.2f; bare Vert.x MQTT server / mosquitto: %.2f "
                + "(when both are near the same figure, the load generator, on the same 2 cores, is the limit)%n",
                ratio, bare.perSecond() / broker.perSecond());
        Map<String, Long> idle = idleConnections();
        System.out.printf("idle connections held: %d, heap before %.1f MiB, after %.1f MiB, %.1f KiB per connection%n",
                idle.get("connections"), idle.get("before") / 1048576.0, idle.get("after") / 1048576.0,
                idle.get("perConnection") / 1024.0);
        System.out.printf("summary gateway_msgs_per_s=%.0f mosquitto_msgs_per_s=%.0f ratio=%.2f gateway_p50_ms=%.2f "
                        + "gateway_p99_ms=%.2f mosquitto_p50_ms=%.2f mosquitto_p99_ms=%.2f bare_vertx_msgs_per_s=%.0f "
                        + "idle_connections=%d heap_per_connection_bytes=%d%n",
                gateway.perSecond(), broker.perSecond(), ratio, gateway.p50Us() / 1000.0, gateway.p99Us() / 1000.0,
                broker.p50Us() / 1000.0, broker.p99Us() / 1000.0, bare.perSecond(), idle.get("connections"),
                idle.get("perConnection"));
        return 0;
    }

    /** One warm-up run (the JIT compiles the hot paths of both processes), then the median of the measured runs. */
    private Run measure(int port) throws IOException {
        load(port);
        java.util.List<Run> runs = new java.util.ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            runs.add(load(port));
        }
        runs.sort(java.util.Comparator.comparingDouble(Run::perSecond));
        return runs.get(runs.size() / 2);
    }

    private Run load(int port) throws IOException {
        try (BenchProcess generator = BenchProcess.java(LoadGenerator.class, "1g", "load", Integer.toString(port),
                Integer.toString(connections), Integer.toString(messages), Integer.toString(window),
                Integer.toString(payloadBytes))) {
            Map<String, String> result = fields(generator.awaitLine("result "));
            String[] latencies = result.get("latencies_us").split(",");
            return new Run(Long.parseLong(result.get("messages")), Double.parseDouble(result.get("seconds")),
                    Long.parseLong(latencies[0]), Long.parseLong(latencies[1]), Long.parseLong(latencies[2]));
        }
    }

    private Map<String, Long> idleConnections() throws IOException {
        try (BenchProcess server = BenchProcess.java(BenchServer.class, "2g")) {
            int port = Integer.parseInt(server.awaitLine("port=").substring(5));
            server.send("heap");
            long before = Long.parseLong(fields(server.awaitLine("heap=")).get("heap"));
            try (BenchProcess clients = BenchProcess.java(LoadGenerator.class, "3g", "idle", Integer.toString(port),
                    Integer.toString(idleConnections))) {
                clients.awaitLine("connected=");
                server.send("heap");
                Map<String, String> after = fields(server.awaitLine("heap="));
                long held = Long.parseLong(after.get("connections"));
                long afterHeap = Long.parseLong(after.get("heap"));
                return Map.of("connections", held, "before", before, "after", afterHeap,
                        "perConnection", held == 0 ? 0 : (afterHeap - before) / held);
            }
        }
    }

    private static void print(String what, Run run) {
        System.out.printf("%-14s %9.0f messages/s  PUBACK latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d messages in %.2f s)%n",
                what, run.perSecond(), run.p50Us() / 1000.0, run.p99Us() / 1000.0, run.maxUs() / 1000.0, run.messages(),
                run.seconds());
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return fields;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException, IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50); // polling a port a child process is about to open
            }
        }
        throw new IOException("mosquitto did not listen on " + port);
    }
}
