package org.anju.simulator.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios shipped in {@code scenarios/} on the class path (listed in its {@code index.txt}),
 * and scenario files given by path.
 */
public final class ScenarioLibrary {

    private static final String FOLDER = "/scenarios/";

    private ScenarioLibrary() {
    }

    /** Returns the shipped scenarios' file names, e.g. {@code fire-spreading.yaml}. */
    public static List<String> files() {
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream(FOLDER + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("no " + FOLDER + "index.txt on the class path");
            }
            List<String> files = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    files.add(line.strip());
                }
            }
            return files;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the scenario index: " + e.getMessage(), e);
        }
    }

    /** Reads a shipped scenario by its file name. */
    public static Scenario shipped(String file) {
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new ScenarioException(file, 0, "no such shipped scenario");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return ScenarioParser.parse(file, reader);
            }
        } catch (IOException e) {
            throw new ScenarioException(file, 0, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Reads a scenario given as a file path or as the name of a shipped one ({@code fire-spreading}).
     *
     * @throws ScenarioException naming the shipped scenarios when it is neither
     */
    public static Scenario load(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) {
            return ScenarioParser.parse(path);
        }
        String file = nameOrPath.endsWith(".yaml") ? nameOrPath : nameOrPath + ".yaml";
        if (files().contains(file)) {
            return shipped(file);
        }
        throw new ScenarioException(nameOrPath, 0, "is neither a file nor a shipped scenario (shipped: "
                + String.join(", ", files().stream().map(f -> f.replace(".yaml", "")).toList()) + ")");
    }
}
