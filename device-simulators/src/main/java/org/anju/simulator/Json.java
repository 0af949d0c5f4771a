package org.anju.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The simulators' one configured JSON mapper (and their one YAML mapper), shared by every
 * package: configured once, thread-safe once configured, never built per use.
 */
public final class Json {

    /**
     * Reads and writes JSON (payloads, manifests, state files); a property it does not know is
     * skipped, so that a file written by a newer version still reads.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads YAML plan files strictly: an unknown key or a null number is an error that names it. */
    public static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {
    }
}
