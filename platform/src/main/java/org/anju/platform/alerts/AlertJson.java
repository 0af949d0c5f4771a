package org.anju.platform.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.sql.SQLException;

import org.anju.platform.Json;

/**
 * JSON of alert records for notification payloads: records as objects, instants as ISO-8601
 * strings, the same shape the API answers.
 */
public final class AlertJson {

    private AlertJson() {
    }

    /** Returns a record as a JSON object. */
    public static ObjectNode tree(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    /** Returns an empty JSON object. */
    public static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** Reads a jsonb column. */
    public static JsonNode read(String json) throws SQLException {
        if (json == null) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new SQLException("unreadable JSON column: " + e.getMessage(), e);
        }
    }
}
