package org.anju.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import org.anju.platform.AnjuMain;
import org.anju.simulator.SimulatorMain;

/**
 * The launcher answers {@code --help} of every command from {@code docs/cli/} without building;
 * those files must be exactly what the commands themselves print. After changing an option, run
 * this test with {@code ANJU_UPDATE_CLI_HELP=1} to write them again, and commit them.
 */
class CliHelpTest {

    private static final int WIDTH = 100;
    private static final Path DIR = repoRoot().resolve("docs/cli");

    @Test
    void everyCommandsHelpFileIsWhatTheCommandPrints() throws IOException {
        Map<String, String> expected = helpTexts();
        if ("1".equals(System.getenv("ANJU_UPDATE_CLI_HELP"))) {
            Files.createDirectories(DIR);
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Files.writeString(DIR.resolve(e.getKey()), e.getValue());
            }
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = DIR.resolve(e.getKey());
            if (!Files.exists(file) || !Files.readString(file).equals(e.getValue())) {
                stale.add(e.getKey());
            }
        }
        assertThat(stale).as("help files in docs/cli that differ from the commands' own help "
                + "(run this test with ANJU_UPDATE_CLI_HELP=1 and commit the files)").isEmpty();
        try (var files = Files.list(DIR)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .as("docs/cli holds help for commands that exist").containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
    }

    @Test
    void everyCommandAnswersVersion() {
        for (CommandLine root : roots()) {
            forEach(root, cl -> assertThat(cl.getCommandSpec().version()).as(cl.getCommandName() + " --version")
                    .singleElement().asString().startsWith("anju "));
        }
    }

    /** The help of every command path, by file name: {@code anju-simulate-run.txt}. */
    static Map<String, String> helpTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        forEachCommand((words, cl) -> texts.put(fileName(words), cl.getUsageMessage(CommandLine.Help.Ansi.OFF)));
        return texts;
    }

    /** The words after {@code ./anju} of every command path, by help file name. */
    static Map<String, List<String>> commandWords() {
        Map<String, List<String>> words = new LinkedHashMap<>();
        forEachCommand((path, cl) -> words.put(fileName(path), path.subList(1, path.size())));
        return words;
    }

    private static String fileName(List<String> words) {
        return String.join("-", words) + ".txt";
    }

    private static void forEachCommand(java.util.function.BiConsumer<List<String>, CommandLine> action) {
        for (CommandLine root : roots()) {
            forEach(root, cl -> {
                // the launcher's own help stands for the platform's root command
                if (cl != root || !"anju".equals(cl.getCommandName())) {
                    action.accept(List.of(cl.getCommandSpec().qualifiedName(" ").split(" ")), cl);
                }
            });
        }
    }

    private static List<CommandLine> roots() {
        List<CommandLine> roots = List.of(new CommandLine(new AnjuMain()), SimulatorMain.commandLine(),
                BenchMain.commandLine());
        roots.forEach(root -> root.setUsageHelpWidth(WIDTH));
        return roots;
    }

    private static void forEach(CommandLine command, java.util.function.Consumer<CommandLine> action) {
        action.accept(command);
        command.getSubcommands().values().forEach(sub -> forEach(sub, action));
    }

    static Path repoRoot() {
        return Path.of(System.getenv().getOrDefault("ANJU_REPO_ROOT", "..")).toAbsolutePath().normalize();
    }
}
