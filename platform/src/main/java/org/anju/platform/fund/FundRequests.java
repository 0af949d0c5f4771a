package org.anju.platform.fund;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;

/** Reads the fields of fund requests, with 400s that name the field. */
final class FundRequests {

    private FundRequests() {
    }

    static String text(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (!(value instanceof String s) || s.isBlank() || s.length() > max) {
            throw ClientError.badRequest("field '" + field + "' must be text of 1 to " + max + " characters");
        }
        return s.strip();
    }

    static long id(JsonObject body, String field) {
        Long id = optionalId(body, field);
        if (id == null) {
            throw ClientError.badRequest("field '" + field + "' is required");
        }
        return id;
    }

    static Long optionalId(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0) {
            return ((Number) value).longValue();
        }
        throw ClientError.badRequest("field '" + field + "' must be a record id (a positive whole number)");
    }

    static int percent(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value instanceof Integer p && p >= 1 && p <= 100) {
            return p;
        }
        throw ClientError.badRequest("field '" + field + "' must be a whole percentage from 1 to 100");
    }
}
