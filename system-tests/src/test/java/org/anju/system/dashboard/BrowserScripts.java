package org.anju.system.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.platform.Json;

/**
 * Runs the dashboards' browser scripts ({@code dashboards/e2e/*.mjs}) with the machine's node: finds
 * the repository, insists on Chromium and axe-core (a missing browser fails the test, never skips
 * it), answers the script's {@code {"need": ...}} lines on its stdin, and returns its last JSON line,
 * the report.
 */
final class BrowserScripts {

    /** What a script asks its driver for (a {@code {"need": ...}} line); the answer goes to its stdin. */
    interface Needs {
        String answer(JsonNode need) throws Exception;
    }

    private BrowserScripts() {
    }

    /** The repository root: {@code ANJU_REPO_ROOT} from the build, else the module's parent. */
    static Path repositoryRoot() {
        String fromBuild = System.getenv("ANJU_REPO_ROOT");
        Path root = fromBuild != null ? Path.of(fromBuild) : Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("dashboards")).as("repository root").isDirectory();
        return root;
    }

    /** Fails unless Chromium ({@code ANJU_CHROMIUM} or /usr/bin/chromium) and the dashboards' node_modules are there. */
    static void requireBrowser(Path repo) {
        Path chromium = Path.of(System.getenv().getOrDefault("ANJU_CHROMIUM", "/usr/bin/chromium"));
        assertThat(chromium).as("Chromium is needed for the browser tests: run deploy/local/chromium.sh ensure").exists();
        assertThat(repo.resolve("dashboards/node_modules/axe-core/axe.min.js")).as("dashboards/node_modules is installed by its build").exists();
    }

    /** Runs {@code node script args...}; returns the last JSON line that is not a need. */
    static JsonNode run(Path script, List<String> args, Needs needs) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node", script.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode last = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer answers = process.outputWriter(StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("{")) {
                    continue;
                }
                JsonNode node = Json.MAPPER.readTree(line);
                if (node.has("need")) {
                    answers.write(needs.answer(node) + "\n");
                    answers.flush();
                } else {
                    last = node;
                }
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        assertThat(last).as("the browser run printed no report (exit %s)", process.exitValue()).isNotNull();
        return last;
    }

    /** A temporary JSON file of {@code value}, for a script's {@code --users} or {@code --ids}. */
    static Path jsonFile(String prefix, Object value) throws java.io.IOException {
        Path file = Files.createTempFile(prefix, ".json");
        Files.writeString(file, Json.MAPPER.writeValueAsString(value));
        return file;
    }

    /** The text of each element of a report's array. */
    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The whole number of each element of a report's array. */
    static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    /** The text of each field of a report's object, by field name in the report's order. */
    static Map<String, String> textFields(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
