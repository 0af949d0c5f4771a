package org.anju.platform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import org.anju.platform.config.ConfigLoader;

/**
 * Reads the files under {@code deploy/} and what the code says they must match: the environment
 * variables the configuration loader reads, the default ports, the project version.
 */
final class DeployFiles {

    static final Path ROOT = Path.of("..");
    static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path DEFAULTS = Path.of("src/main/resources/anju-defaults.yaml");
    private static final Pattern PARENT_VERSION = Pattern.compile(
            "<artifactId>anju-parent</artifactId>\\s*<version>([^<]+)</version>");
    /**
     * Settings of the Kafka ingest (issue 15, items 1-2, branch kafka) that these files use before
     * that branch is merged; once anju-defaults.yaml has a {@code kafka} section they are checked
     * against it like every other name.
     */
    private static final Set<String> KAFKA_SETTINGS_ASSUMED = Set.of("ANJU_KAFKA_BOOTSTRAP_SERVERS",
            "ANJU_KAFKA_GATEWAY_OUTPUT", "ANJU_KAFKA_CONSUME", "ANJU_KAFKA_GROUP_ID");

    private DeployFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of the file (SnakeYAML resolves anchors and merge keys as compose does). */
    static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(read(file))) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }

    /** The leaves of the defaults file as dotted keys, with their default values. */
    static Map<String, String> defaults() {
        Map<String, String> leaves = new LinkedHashMap<>();
        flatten("", yamlDocuments(DEFAULTS).getFirst(), leaves);
        return leaves;
    }

    private static void flatten(String prefix, Map<String, Object> node, Map<String, String> leaves) {
        node.forEach((key, value) -> {
            if (value instanceof Map<?, ?>) {
                flatten(prefix + key + ".", map(value), leaves);
            } else {
                leaves.put(prefix + key, String.valueOf(value));
            }
        });
    }

    /** The environment variables the configuration loader reads. */
    static Set<String> environmentNames() {
        Set<String> names = new TreeSet<>();
        Map<String, String> defaults = defaults();
        defaults.keySet().forEach(key -> names.add(ConfigLoader.environmentName(key)));
        names.add(ConfigLoader.CONFIG_FILE_ENV);
        if (defaults.keySet().stream().noneMatch(key -> key.startsWith("kafka."))) {
            names.addAll(KAFKA_SETTINGS_ASSUMED);
        }
        return names;
    }

    /** The value a process gets for a setting: its environment variable, else the default. */
    static String effective(Map<String, String> env, String key) {
        return env.getOrDefault(ConfigLoader.environmentName(key), defaults().get(key));
    }

    /** The project version from the parent POM. */
    static String version() {
        Matcher m = PARENT_VERSION.matcher(read(ROOT.resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no anju-parent version in pom.xml");
        }
        return m.group(1);
    }

    /** {@code KEY=VALUE} lines (environment files), comments and blank lines skipped. */
    static Map<String, String> envFile(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        read(file).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(line -> {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        });
        return env;
    }

    /** A systemd unit: each section's {@code Key=Value} lines, in order (keys may repeat). */
    static Map<String, List<Map.Entry<String, String>>> systemdUnit(Path file) {
        Map<String, List<Map.Entry<String, String>>> sections = new LinkedHashMap<>();
        String section = null;
        for (String raw : read(file).lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                sections.put(section, new ArrayList<>());
            } else {
                int eq = line.indexOf('=');
                if (section == null || eq < 1) {
                    throw new IllegalStateException(file + ": not a unit line: " + line);
                }
                sections.get(section).add(Map.entry(line.substring(0, eq), line.substring(eq + 1)));
            }
        }
        return sections;
    }

    /** A Dockerfile's instructions (continuation lines joined), each as {instruction, arguments}. */
    static List<String[]> dockerfile(Path file) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : read(file).lines().toList()) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""});
            current.setLength(0);
        }
        return instructions;
    }
}
