package org.anju.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.anju.error.ServerError;
import org.anju.platform.Json;

/**
 * How the API writes JSON: records as objects, instants as ISO-8601 strings.
 */
final class ApiJson {

    private ApiJson() {
    }

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw ServerError.internal("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
