package org.anju.simulator.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.simulator.Json;

/**
 * The per-device state file next to a manifest ({@code devices.json} → {@code devices.state.json}):
 * counters, meter registers, batteries, parcels and the last simulated time of every device, so
 * that a restarted simulator continues instead of starting over. Written atomically.
 */
public final class DeviceStates {

    private final Path file;

    public DeviceStates(Path file) {
        this.file = file;
    }

    /** Returns the state file that belongs to a manifest. */
    public static DeviceStates nextTo(Path manifest) {
        String name = manifest.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return new DeviceStates(manifest.resolveSibling(base + ".state.json"));
    }

    public Path file() {
        return file;
    }

    /**
     * Reads every device's state; empty when there is no file yet.
     *
     * @throws IOException naming the file when it exists but cannot be read as a state file
     */
    public Map<String, JsonNode> load() throws IOException {
        Map<String, JsonNode> states = new TreeMap<>();
        if (!Files.exists(file)) {
            return states;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IOException("state file " + file + " is not a JSON object of device states");
            }
            root.fields().forEachRemaining(e -> states.put(e.getKey(), e.getValue()));
            return states;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("state file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Replaces the file with these states. */
    public void save(Map<String, JsonNode> states) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        new TreeMap<>(states).forEach(root::set);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + ".tmp");
        Json.MAPPER.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
