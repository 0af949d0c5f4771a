package org.anju.platform.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.sql.SQLException;

/**
 * JSON of alert records for notification payloads: records as objects, instants as ISO-8601
 * strings, the same shape the API answers.
 */
public final class AlertJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AlertJson() {
    }

    /** Returns a record as a JSON object. */
    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Returns an empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Reads a jsonb column. */
    public static JsonNode read(String json) throws SQLException {
        if (json == null) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new SQLException("unreadable JSON column: " + e.getMessage(), e);
        }
    }
}
