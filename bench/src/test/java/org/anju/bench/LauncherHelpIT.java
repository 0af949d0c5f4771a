package org.anju.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./anju … --help} and {@code --version} answer at once, for every command and subcommand,
 * with exit 0 and without building: the launcher runs here in a folder with no Maven wrapper and no
 * build output, so any attempt to build or run Java would fail.
 */
@Timeout(120)
class LauncherHelpIT {

    @TempDir
    Path copy;

    @Test
    void everyCommandAnswersHelpAndVersionWithoutBuilding() throws Exception {
        Path root = CliHelpTest.repoRoot();
        Files.copy(root.resolve("anju"), copy.resolve("anju"));
        Files.copy(root.resolve("pom.xml"), copy.resolve("pom.xml"));
        Files.createDirectories(copy.resolve("docs/cli"));
        for (String file : CliHelpTest.helpTexts().keySet()) {
            Files.copy(root.resolve("docs/cli").resolve(file), copy.resolve("docs/cli").resolve(file));
        }
        String version = "anju " + projectVersion(root);

        for (Map.Entry<String, String> help : CliHelpTest.helpTexts().entrySet()) {
            List<String> command = CliHelpTest.commandWords().get(help.getKey());
            Result answer = run(command, "--help");
            assertThat(answer.exit()).as(command + " --help").isZero();
            assertThat(answer.out()).as(command + " --help").isEqualTo(help.getValue());
            assertThat(run(command, "-h").out()).isEqualTo(help.getValue());
            Result v = run(command, "--version");
            assertThat(v.exit()).as(command + " --version").isZero();
            assertThat(v.out().strip()).isEqualTo(version);
        }
        for (String top : List.of("--help", "-h", "help")) {
            Result usage = run(List.of(), top);
            assertThat(usage.exit()).isZero();
            assertThat(usage.out()).startsWith("Usage: ./anju <command>");
        }
        Result testHelp = run(List.of("test"), "--help");
        assertThat(testHelp.exit()).isZero();
        assertThat(testHelp.out()).startsWith("Usage: ./anju test");
        assertThat(run(List.of(), "--version").out().strip()).isEqualTo(version);
        assertThat(run(List.of("test"), "--version").out().strip()).isEqualTo(version);
        assertThat(run(List.of(), "no-such-command").exit()).isEqualTo(64);
    }

    private record Result(int exit, String out) {
    }

    private Result run(List<String> command, String option) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("bash", copy.resolve("anju").toString()));
        line.addAll(command);
        line.add(option);
        Process p = new ProcessBuilder(line).directory(copy.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static String projectVersion(Path root) throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        int parent = pom.indexOf("<artifactId>anju-parent</artifactId>");
        int start = pom.indexOf("<version>", parent) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }
}
