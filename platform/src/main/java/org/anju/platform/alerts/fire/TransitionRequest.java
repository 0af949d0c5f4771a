package org.anju.platform.alerts.fire;

import java.util.Arrays;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;

/**
 * A person's request to move a fire case: {@code {"to": "false_alarm", "cause": "cooking_fumes", "note": "..."}}.
 */
public record TransitionRequest(FireState to, FalseAlarmCause cause, String note) {

    static final int MAX_NOTE = 500;

    /**
     * Reads and checks a request body.
     *
     * @throws ClientError 400 naming the field
     */
    public static TransitionRequest parse(JsonObject body) {
        if (body == null) {
            throw ClientError.badRequest("body must be a JSON object with field 'to'");
        }
        Object to = body.getValue("to");
        if (!(to instanceof String toName) || FireState.fromWireName(toName).isEmpty()) {
            throw ClientError.badRequest("field 'to' must be one of "
                    + String.join(", ", Arrays.stream(FireState.values()).map(FireState::wireName).toList()));
        }
        FireState target = FireState.fromWireName(toName).orElseThrow();
        Object cause = body.getValue("cause");
        FalseAlarmCause parsedCause = null;
        if (target == FireState.FALSE_ALARM) {
            if (!(cause instanceof String causeName) || FalseAlarmCause.fromWireName(causeName).isEmpty()) {
                throw ClientError.badRequest("field 'cause' is required for a false alarm, one of " + FalseAlarmCause.names());
            }
            parsedCause = FalseAlarmCause.fromWireName(causeName).orElseThrow();
        } else if (cause != null) {
            throw ClientError.badRequest("field 'cause' applies only to false_alarm");
        }
        Object note = body.getValue("note");
        if (note != null && !(note instanceof String)) {
            throw ClientError.badRequest("field 'note' must be text");
        }
        String text = note == null ? null : ((String) note).strip();
        if (text != null && text.length() > MAX_NOTE) {
            throw ClientError.badRequest("field 'note' may have at most " + MAX_NOTE + " characters");
        }
        if (parsedCause == FalseAlarmCause.OTHER && (text == null || text.isEmpty())) {
            throw ClientError.badRequest("field 'note' is required when the cause is other: say what it was");
        }
        return new TransitionRequest(target, parsedCause, text == null || text.isEmpty() ? null : text);
    }
}
