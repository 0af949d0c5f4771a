package org.anju.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The device protocol's one configured JSON mapper, shared by every decoder: a key given twice in
 * a payload is refused (never silently "last one wins"). Thread-safe once configured.
 */
public final class Json {

    /** Reads and writes device payloads; duplicate keys fail the read. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }
}
