package org.anju.protocol.catalogue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.error.ClientError;
import org.anju.protocol.Json;
import org.anju.protocol.catalogue.spi.Fields;

/**
 * The part every payload shares: a JSON object with an optional {@code ts} and schema version
 * {@code v}.
 */
final class Envelope {

    /** The schema versions this catalogue reads. */
    static final int CURRENT_VERSION = 1;

    private static final String TS_EXPECTED =
            "an RFC 3339 date-time with offset (e.g. 2026-11-29T16:00:00+08:00) or epoch milliseconds";

    private Envelope() {
    }

    static ObjectNode parse(byte[] payload, String context) {
        if (payload.length == 0) {
            throw ClientError.badRequest(context + ": empty payload");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw ClientError.badRequest(context + ": malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ClientError.badRequest(context + ": unreadable payload: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            String got = root == null ? "nothing" : root.getNodeType().name().toLowerCase();
            throw ClientError.badRequest(context + ": payload must be a JSON object, got " + got);
        }
        return (ObjectNode) root;
    }

    static int version(Fields payload) {
        JsonNode v = payload.raw("v");
        if (v == null) {
            return CURRENT_VERSION;
        }
        if (!v.isNumber() || v.doubleValue() != CURRENT_VERSION) {
            throw payload.invalid("v", "a supported schema version: " + CURRENT_VERSION, v);
        }
        return CURRENT_VERSION;
    }

    static Instant timestamp(Fields payload, Instant receivedAt, Duration maxClockAhead) {
        JsonNode ts = payload.raw("ts");
        if (ts == null) {
            return receivedAt;
        }
        Instant parsed = parseTs(payload, ts);
        if (parsed.isAfter(receivedAt.plus(maxClockAhead))) {
            throw payload.invalid("ts", "at most " + maxClockAhead.toSeconds() + " s ahead of the server clock ("
                    + receivedAt + ")", ts);
        }
        return parsed;
    }

    private static Instant parseTs(Fields payload, JsonNode ts) {
        if (ts.isNumber() && ts.canConvertToExactIntegral() && ts.doubleValue() >= 0 && ts.doubleValue() <= Fields.MAX_EXACT) {
            return Instant.ofEpochMilli(ts.longValue());
        }
        if (ts.isTextual()) {
            try {
                return Instant.parse(ts.textValue());
            } catch (DateTimeParseException e) {
                throw payload.invalid("ts", TS_EXPECTED, ts);
            }
        }
        throw payload.invalid("ts", TS_EXPECTED, ts);
    }
}
