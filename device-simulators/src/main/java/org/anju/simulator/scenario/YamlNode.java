package org.anju.simulator.scenario;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import org.anju.simulator.Json;

/**
 * A YAML value that remembers its line, so that every mistake found after parsing can still be
 * reported where it is. Built from Jackson YAML's token locations; duplicate keys are refused.
 */
final class YamlNode {

    private final String source;
    private final int line;
    private final String scalar;
    private final boolean number;
    private final Map<String, YamlNode> fields;
    private final List<YamlNode> items;

    private YamlNode(String source, int line, String scalar, boolean number, Map<String, YamlNode> fields,
            List<YamlNode> items) {
        this.source = source;
        this.line = line;
        this.scalar = scalar;
        this.number = number;
        this.fields = fields;
        this.items = items;
    }

    /**
     * Reads one YAML document.
     *
     * @throws ScenarioException with the line of a syntax error or a repeated key
     */
    static YamlNode read(String source, Reader reader) {
        try (JsonParser p = Json.YAML.createParser(reader)) {
            if (p.nextToken() == null) {
                throw new ScenarioException(source, 0, "the file is empty");
            }
            return read(source, p);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ScenarioException(source, line, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException(source, 0, "cannot be read: " + e.getMessage());
        }
    }

    private static YamlNode read(String source, JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> fields = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                if (fields.put(name, read(source, p)) != null) {
                    throw new ScenarioException(source, keyLine, "'" + name + "' appears twice");
                }
            }
            return new YamlNode(source, line, null, false, fields, null);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(source, p));
            }
            return new YamlNode(source, line, null, false, null, items);
        }
        if (token == JsonToken.VALUE_NULL) {
            return new YamlNode(source, line, null, false, null, null);
        }
        return new YamlNode(source, line, p.getText(), token.isNumeric(), null, null);
    }

    int line() {
        return line;
    }

    /** Returns a failure at this node's line. */
    ScenarioException error(String message) {
        return new ScenarioException(source, line, message);
    }

    boolean isMap() {
        return fields != null;
    }

    /** Requires a map whose keys are all known; an unknown key fails at its line. */
    YamlNode map(String what, Set<String> known) {
        if (fields == null) {
            throw error(what + " must be a map");
        }
        for (Map.Entry<String, YamlNode> f : fields.entrySet()) {
            if (!known.contains(f.getKey())) {
                throw f.getValue().error("unknown key '" + f.getKey() + "' in " + what + " (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return this;
    }

    /** Requires a map of texts (or numbers, as written). */
    Map<String, String> texts(String what) {
        if (fields == null) {
            throw error(what + " must be a map");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> f : fields.entrySet()) {
            if (f.getValue().scalar == null) {
                throw f.getValue().error(what + " '" + f.getKey() + "' must be a text or a number");
            }
            texts.put(f.getKey(), f.getValue().scalar);
        }
        return texts;
    }

    /** Returns the field, or null when absent. */
    YamlNode get(String name) {
        return fields.get(name);
    }

    YamlNode required(String name, String what) {
        YamlNode v = fields.get(name);
        if (v == null) {
            throw error(what + " needs '" + name + "'");
        }
        return v;
    }

    Set<String> keys() {
        return fields.keySet();
    }

    List<YamlNode> list(String what) {
        if (items == null) {
            throw error(what + " must be a list");
        }
        return Collections.unmodifiableList(items);
    }

    String text(String what) {
        if (scalar == null || scalar.isBlank()) {
            throw error(what + " must be a non-empty text");
        }
        return scalar;
    }

    int integer(String what, int min, int max) {
        if (!number) {
            throw error(what + " must be a whole number, not '" + describe() + "'");
        }
        try {
            int value = Integer.parseInt(scalar);
            if (value < min || value > max) {
                throw error(what + " must be from " + min + " to " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(what + " must be a whole number, not '" + scalar + "'");
        }
    }

    /** Returns the scalar's text (a number as written), or null for a map or list. */
    String scalar() {
        return scalar;
    }

    private String describe() {
        return fields != null ? "a map" : items != null ? "a list" : String.valueOf(scalar);
    }
}
