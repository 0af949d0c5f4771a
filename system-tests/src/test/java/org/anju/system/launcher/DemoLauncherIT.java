package org.anju.system.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./anju demo} as a user runs it: the platform and, as a second process, the simulated
 * devices; nothing of it outlives the launcher, and after any crash the next start comes up on
 * the first try. Runs what the build made ({@code ANJU_SKIP_BUILD=1}).
 */
@Timeout(900)
class DemoLauncherIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Path ROOT = Path.of(System.getenv().getOrDefault("ANJU_REPO_ROOT", "..")).toAbsolutePath()
            .normalize();

    private Path dataDir;
    private final List<ProcessHandle> started = new ArrayList<>();

    @BeforeEach
    void dataFolder() throws IOException {
        dataDir = Files.createTempDirectory("anju-demo-test");
    }

    @AfterEach
    void killWhateverIsLeft() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void stoppingTheLauncherStopsThePlatformTheSimulatorsAndTheDatabase() throws Exception {
        Demo demo = startDemo();
        List<ProcessHandle> processes = demo.processes();
        assertThat(processes).as("platform and simulators run").hasSizeGreaterThanOrEqualTo(2);
        assertThat(postmaster()).as("the embedded database runs").isPresent();

        demo.launcher().destroy(); // SIGTERM, as a service manager stops it (Ctrl-C takes the same path)

        assertThat(demo.launcher().waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(demo.launcher().exitValue()).isEqualTo(143);
        assertAllEnded(processes);
        assertThat(Files.readString(demo.log())).contains("simulator stopped:").doesNotContain("I/O error");
    }

    @Test
    void aPlatformKilledWithSigkillTakesTheSimulatorsAndTheDatabaseWithIt() throws Exception {
        Demo demo = startDemo();
        List<ProcessHandle> processes = demo.processes();

        platformOf(demo).destroyForcibly();

        assertThat(demo.launcher().waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(demo.launcher().exitValue()).as("the platform's status").isEqualTo(137);
        assertAllEnded(processes);
        assertThat(Files.readString(demo.log())).contains("stopping the embedded database left by the platform");
    }

    @Test
    void afterTheLauncherAndThePlatformWereKilledTheNextDemoComesUpOnTheFirstTry() throws Exception {
        Demo first = startDemo();
        ProcessHandle platform = platformOf(first);
        ProcessHandle simulator = simulatorOf(first);
        ProcessHandle postmaster = postmaster().orElseThrow();

        // everything killed at once, as by an OOM killer: the launcher is frozen first so that it
        // cannot react to the platform's death
        signal("STOP", first.launcher().toHandle());
        platform.destroyForcibly(); // dead at once; a zombie until the frozen launcher is gone
        first.launcher().destroyForcibly();
        // the simulator notices its launcher is gone and stops; the database is left behind
        simulator.onExit().get(1, TimeUnit.MINUTES);
        assertThat(postmaster.isAlive()).isTrue();

        Demo second = startDemo();
        assertThat(postmaster.isAlive()).as("the left-behind database was stopped").isFalse();
        assertThat(Files.readString(second.log())).contains("left-behind database server stopped");
        List<ProcessHandle> processes = second.processes();
        second.launcher().destroy();
        assertThat(second.launcher().waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertAllEnded(processes);
    }

    /** A running demo: the launcher and its log. */
    private record Demo(Process launcher, Path log) {

        /** The launcher's descendants; not the database server, which pg_ctl detaches (see {@link #postmaster()}). */
        List<ProcessHandle> processes() {
            return launcher.descendants().filter(ProcessHandle::isAlive).toList();
        }
    }

    private Demo startDemo() throws IOException {
        Path log = Files.createTempFile(dataDir, "demo", ".log");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("anju").toString(), "demo")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(java.util.Map.of(
                "ANJU_SKIP_BUILD", "1",
                "ANJU_DATA_DIR", dataDir.toString(),
                "ANJU_HTTP_HOST", "127.0.0.1",
                "ANJU_HTTP_PORT", Integer.toString(freePort()),
                "ANJU_MQTT_HOST", "127.0.0.1",
                "ANJU_MQTT_PORT", Integer.toString(freePort()),
                "ANJU_MQTT_TLS_PORT", Integer.toString(freePort()),
                "ANJU_DEMO_PUBLISH_INTERVAL", "2s"));
        Process launcher = builder.start();
        started.add(launcher.toHandle());
        Demo demo = new Demo(launcher, log);
        await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!launcher.isAlive()) {
                throw new AssertionError("./anju demo ended with " + launcher.exitValue() + ":\n" + Files.readString(log));
            }
            return Files.readString(log).contains("simulating ") && simulatorOfOptional(demo).isPresent();
        });
        started.addAll(demo.processes());
        return demo;
    }

    private static ProcessHandle platformOf(Demo demo) {
        return javaRunning(demo, "org.anju.platform.AnjuMain").orElseThrow();
    }

    private static ProcessHandle simulatorOf(Demo demo) {
        return simulatorOfOptional(demo).orElseThrow();
    }

    private static Optional<ProcessHandle> simulatorOfOptional(Demo demo) {
        return javaRunning(demo, "org.anju.simulator.SimulatorMain");
    }

    private static Optional<ProcessHandle> javaRunning(Demo demo, String mainClass) {
        return demo.launcher().children()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(mainClass)).orElse(false))
                .findFirst();
    }

    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).filter(ProcessHandle::isAlive);
    }

    private void assertAllEnded(List<ProcessHandle> processes) throws IOException {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(processes.stream()
                .filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("processes of the demo still running").isEmpty());
        assertThat(postmaster()).as("the embedded database").isEmpty();
    }

    private static void signal(String signal, ProcessHandle process) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
