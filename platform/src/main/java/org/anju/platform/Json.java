package org.anju.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The platform's one configured JSON mapper (and its one YAML mapper), shared by every package:
 * configured once, thread-safe once configured, and costly to build, so never built per use.
 */
public final class Json {

    /** Reads and writes JSON; {@code java.time} values are written as ISO-8601 text. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** Reads YAML (the configuration file). */
    public static final ObjectMapper YAML = new YAMLMapper();

    private Json() {
    }
}
