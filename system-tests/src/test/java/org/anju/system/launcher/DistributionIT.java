package org.anju.system.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.system.testing.ChildPlatforms;

/**
 * The distribution as an operator gets it: packed from what the build made (the step of
 * {@code ./anju dist} after its build), unpacked into an empty folder far from the source tree, and
 * started with its own launcher against the test database, with nothing on PATH but the basic
 * system folders (no Maven) and only {@code JAVA_HOME} pointing at a JDK.
 */
@Timeout(600)
class DistributionIT {

    private static final Path ROOT = Path.of(System.getenv().getOrDefault("ANJU_REPO_ROOT", "..")).toAbsolutePath()
            .normalize();

    private final List<Path> folders = new java.util.ArrayList<>();

    /** The tarball and the unpacked copy are some 200 MB: leave nothing behind. */
    @AfterEach
    void removeFolders() throws IOException {
        for (Path folder : folders) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Path folder(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        folders.add(folder);
        return folder;
    }

    @Test
    void theUnpackedDistributionRunsThePlatformWithoutMaven() throws Exception {
        String version = run(ROOT, List.of(ROOT.resolve("anju").toString(), "--version")).strip()
                .substring("anju ".length());
        Path out = folder("anju-dist-out");
        Path tarball = Path.of(run(ROOT, List.of(ROOT.resolve("deploy/dist/build.sh").toString(), version,
                out.toString())).strip());
        assertThat(tarball.getFileName()).hasToString("anju-" + version + ".tar.gz");

        Path unpacked = folder("anju-dist-unpacked");
        run(unpacked, List.of("tar", "-xzf", tarball.toString()));
        Path home = unpacked.resolve("anju-" + version);
        assertThat(Files.readString(home.resolve("VERSION")).strip()).isEqualTo(version);
        assertThat(home.resolve("config/anju-defaults.yaml")).hasSameTextualContentAs(
                ROOT.resolve("platform/src/main/resources/anju-defaults.yaml"));
        assertThat(home.resolve("lib/platform/anju-platform.jar")).exists();
        assertThat(home.resolve("lib/simulators/anju-device-simulators.jar")).exists();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License", "Version 2.0, January 2004");
        assertEveryThirdPartyJarIsListed(home);

        Path workDir = folder("anju-dist-run");
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin",
                "JAVA_HOME", System.getProperty("java.home"),
                "HOME", workDir.toString());
        assertThat(run(workDir, List.of(home.resolve("anju").toString(), "run", "--version"), env).strip())
                .isEqualTo("anju " + version);

        try (TestDatabases.TestDatabase database = TestDatabases.primary().create()) {
            int httpPort = ChildPlatforms.freePort();
            Map<String, String> runEnv = new java.util.HashMap<>(env);
            runEnv.putAll(Map.of(
                    "ANJU_DB_URL", database.url(),
                    "ANJU_DATA_DIR", workDir.resolve("data").toString(),
                    "ANJU_HTTP_HOST", "127.0.0.1",
                    "ANJU_HTTP_PORT", Integer.toString(httpPort),
                    "ANJU_MQTT_HOST", "127.0.0.1",
                    "ANJU_MQTT_PORT", "0",
                    "ANJU_SECURITY_BCRYPT_COST", Integer.toString(Fixtures.TEST_BCRYPT_COST)));
            Path log = workDir.resolve("platform.log");
            Process platform = ChildPlatforms.startCommand(List.of(home.resolve("anju").toString(), "run"), runEnv,
                    log, httpPort);
            try {
                assertThat(ChildPlatforms.get(httpPort, "/health/live", Map.of()).statusCode()).isEqualTo(200);
                assertThat(ChildPlatforms.get(httpPort, "/health/ready", Map.of()).statusCode()).isEqualTo(200);
                assertThat(Files.readString(log)).as("nothing was built").doesNotContain("anju: building");
            } finally {
                platform.destroy(); // SIGTERM reaches the JVM itself: the launcher exec'd it
                assertThat(platform.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.list(workDir).map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .as("the platform writes only where it was told to").containsExactlyInAnyOrder("data", "platform.log");
        }
    }

    /** Every jar in lib/ that is not Anju's own has its line, with a licence, in THIRD-PARTY.txt. */
    private static void assertEveryThirdPartyJarIsListed(Path home) throws IOException {
        String notices = Files.readString(home.resolve("THIRD-PARTY.txt"));
        Set<String> jars;
        try (Stream<Path> files = Stream.concat(Files.list(home.resolve("lib/platform")),
                Files.list(home.resolve("lib/simulators")))) {
            jars = files.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith("anju-"))
                    .collect(Collectors.toSet());
        }
        assertThat(jars).isNotEmpty().allSatisfy(jar -> assertThat(notices).as("THIRD-PARTY.txt names " + jar)
                .containsPattern("\\([^()]+\\) .*\\([^:() ]+:" + java.util.regex.Pattern.quote(
                        jar.substring(0, jar.length() - ".jar".length()).replaceFirst("-(\\d[^-]*(-[^-]+)*)$", ":$1"))
                        + " - "));
    }

    private static String run(Path dir, List<String> command) throws Exception {
        return run(dir, command, null);
    }

    /** Runs a command to its end and returns its output; fails on a non-zero exit. */
    private static String run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (env != null) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor()).as(command + " exit status; output:\n" + output).isZero();
        List<String> lines = output.lines().filter(l -> !l.startsWith("dist: warning")).toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }
}
