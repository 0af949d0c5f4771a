package org.anju.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The test suite's own rules, over every module: an integration test ({@code *IT}) says how long
 * it may take ({@code @Timeout}), so a hung broker or database fails one test instead of the CI
 * run; and integration tests are named {@code *IT}, so Failsafe, not Surefire, runs them.
 */
class TestConventionsTest {

    @Test
    void everyIntegrationTestHasATimeout() throws IOException {
        assertThat(testSources().filter(f -> f.getFileName().toString().endsWith("IT.java"))
                .filter(f -> !read(f).contains("@Timeout")).map(Path::toString).toList())
                .as("integration tests without @Timeout").isEmpty();
    }

    @Test
    void unitTestsStartNoServers() throws IOException {
        List<String> servers = List.of("TestDatabases.", "RunningPlatform", "MqttGateway.create", "new Database(",
                "EmbeddedPostgres.start");
        assertThat(testSources().filter(f -> f.getFileName().toString().endsWith("Test.java"))
                .filter(f -> !f.endsWith("TestConventionsTest.java"))
                .filter(f -> servers.stream().anyMatch(read(f)::contains)).map(Path::toString).toList())
                .as("*Test classes that start a database or a server (name them *IT)").isEmpty();
    }

    private static Stream<Path> testSources() throws IOException {
        Path root = CliHelpTest.repoRoot();
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> testDirs = modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList();
            return testDirs.stream().flatMap(TestConventionsTest::javaFiles);
        }
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
