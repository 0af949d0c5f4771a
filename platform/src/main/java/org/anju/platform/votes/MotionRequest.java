package org.anju.platform.votes;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;

/**
 * A new motion as the API receives it, checked field by field.
 *
 * @param votingDays how long voting lasts once the motion opens, 1–90 days
 */
record MotionRequest(MotionKind kind, String title, String description, int votingDays) {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_VOTING_DAYS = 90;

    static MotionRequest parse(JsonObject body) {
        String kindName = text(body, "kind", 40, true);
        MotionKind kind = MotionKind.fromWireName(kindName).orElseThrow(() -> ClientError.badRequest(
                "field 'kind' must be fund_use, fund_raising, common_parts_business, rebuilding or other"));
        String title = text(body, "title", MAX_TITLE, true);
        String description = text(body, "description", MAX_DESCRIPTION, false);
        Object days = body.getValue("votingDays");
        if (!(days instanceof Integer d) || d < 1 || d > MAX_VOTING_DAYS) {
            throw ClientError.badRequest("field 'votingDays' must be a whole number of days from 1 to " + MAX_VOTING_DAYS);
        }
        return new MotionRequest(kind, title, description == null ? "" : description, d);
    }

    private static String text(JsonObject body, String field, int max, boolean required) {
        Object value = body.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > max) {
            throw ClientError.badRequest("field '" + field + "' must be text of 1 to " + max + " characters");
        }
        return s.strip();
    }
}
