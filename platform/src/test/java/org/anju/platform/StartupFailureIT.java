package org.anju.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.anju.platform.testing.TestDatabases;

/**
 * What an operator sees when start-up cannot succeed: one clear line on stderr and exit code 2,
 * from the real command line in its own JVM.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartupFailureIT {

    @TempDir
    Path dataDir;

    record Outcome(int exitCode, String stderr) {
    }

    @Test
    void unreachableDatabaseStopsWithOneClearLine() throws Exception {
        int closedPort = freePort();

        Outcome outcome = run(Map.of(
                "ANJU_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/anju?user=anju&password=s3cret",
                "ANJU_DB_CONNECT_TIMEOUT", "2s"));

        assertThat(outcome.exitCode()).isEqualTo(AnjuMain.EXIT_STARTUP_FAILED);
        assertThat(errorLines(outcome)).singleElement().satisfies(line -> assertThat(line)
                .startsWith("anju: cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closedPort)
                .contains("password=***")
                .doesNotContain("s3cret"));
    }

    @Test
    void httpPortInUseIsNamed() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.primary().create();
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run(Map.of(
                    "ANJU_DB_URL", db.url(),
                    "ANJU_HTTP_HOST", "127.0.0.1",
                    "ANJU_HTTP_PORT", Integer.toString(taken.getLocalPort())));

            assertThat(outcome.exitCode()).isEqualTo(AnjuMain.EXIT_STARTUP_FAILED);
            assertThat(errorLines(outcome)).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("anju: cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort()));
        }
    }

    @Test
    void badConfigurationValueIsNamed() throws Exception {
        Outcome outcome = run(Map.of("ANJU_MQTT_PORT", "eighteen-eighty-three"));

        assertThat(outcome.exitCode()).isEqualTo(AnjuMain.EXIT_STARTUP_FAILED);
        assertThat(errorLines(outcome)).containsExactly(
                "anju: configuration key 'mqtt.port' has invalid value 'eighteen-eighty-three': expected a whole number");
    }

    private Outcome run(Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                AnjuMain.class.getName(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dataDir.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ANJU_"));
        builder.environment().put("ANJU_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("ANJU_MQTT_PORT", "0");
        builder.environment().put("ANJU_HTTP_PORT", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the platform did not stop by itself after a start-up failure");
        }
        return new Outcome(process.exitValue(),
                Files.readString(dataDir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    /** Lines addressed to the operator (the JVM may add its own warnings, which are not ours). */
    private static List<String> errorLines(Outcome outcome) {
        return outcome.stderr().lines().filter(l -> l.startsWith("anju:")).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
