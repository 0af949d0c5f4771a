package org.anju.protocol;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.anju.error.ClientError;

/**
 * Decodes telemetry payloads into data points and event payloads into events.
 * <p>
 * A payload is a JSON object. Its optional {@code ts} field is the measurement time (ISO-8601 or
 * epoch milliseconds; the receive time when absent). Every other numeric or boolean field is a
 * metric; nested objects are flattened with dots ({@code {"door": {"open": true}}} becomes
 * {@code door.open = 1}). Text fields and nulls are not metrics and are skipped. A payload without
 * any metric is rejected, so a device learns that it sent nothing useful.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class TelemetryDecoder {

    /** How far a device clock may run ahead of ours before its timestamps are refused. */
    public static final Duration DEFAULT_MAX_CLOCK_AHEAD = Duration.ofMinutes(5);
    /** The most metrics one message may carry. */
    public static final int MAX_METRICS = 256;

    private static final int MAX_DEPTH = 3;
    private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,63}");
    private static final Pattern EVENT_KIND = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Duration maxClockAhead;

    public TelemetryDecoder(Duration maxClockAhead) {
        this.maxClockAhead = maxClockAhead;
    }

    public TelemetryDecoder() {
        this(DEFAULT_MAX_CLOCK_AHEAD);
    }

    /**
     * Decodes a message's payload.
     *
     * @throws ClientError 400 with a reason a device developer can act on when the payload is not
     *                     valid telemetry
     */
    public List<DataPoint> decode(DeviceMessage message) {
        JsonNode root = parse(message.payload());
        if (!root.isObject()) {
            throw ClientError.badRequest("payload must be a JSON object, got " + root.getNodeType().name().toLowerCase());
        }
        Instant ts = timestamp(root.get("ts"), message.receivedAt());
        List<DataPoint> points = new ArrayList<>();
        collect(root, "", 0, ts, message.deviceId(), points);
        if (points.isEmpty()) {
            throw ClientError.badRequest("payload carries no numeric or boolean value");
        }
        return points;
    }

    /**
     * Decodes an event payload: a JSON object with a {@code kind} naming what happened and an
     * optional {@code ts}; the whole object is kept.
     *
     * @throws ClientError 400 with a reason when the payload is not a valid event
     */
    public DeviceEvent decodeEvent(DeviceMessage message) {
        JsonNode root = parse(message.payload());
        if (!root.isObject()) {
            throw ClientError.badRequest("event payload must be a JSON object, got "
                    + root.getNodeType().name().toLowerCase());
        }
        JsonNode kind = root.get("kind");
        if (kind == null || !kind.isTextual() || !EVENT_KIND.matcher(kind.asText()).matches()) {
            throw ClientError.badRequest("event must have a 'kind': lower-case letters, digits and '_', at most 64");
        }
        Instant ts = timestamp(root.get("ts"), message.receivedAt());
        return new DeviceEvent(ts, message.deviceId(), kind.asText(), root.toString());
    }

    private static JsonNode parse(byte[] payload) {
        if (payload.length == 0) {
            throw ClientError.badRequest("empty payload");
        }
        try {
            return Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw ClientError.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ClientError.badRequest("unreadable payload: " + e.getMessage());
        }
    }

    private Instant timestamp(JsonNode ts, Instant receivedAt) {
        if (ts == null || ts.isNull()) {
            return receivedAt;
        }
        Instant parsed;
        if (ts.isIntegralNumber()) {
            parsed = Instant.ofEpochMilli(ts.asLong());
        } else if (ts.isTextual()) {
            try {
                parsed = Instant.parse(ts.asText());
            } catch (DateTimeParseException e) {
                throw ClientError.badRequest("ts '" + ts.asText() + "' is not an ISO-8601 instant");
            }
        } else {
            throw ClientError.badRequest("ts must be an ISO-8601 string or epoch milliseconds");
        }
        if (parsed.isAfter(receivedAt.plus(maxClockAhead))) {
            throw ClientError.badRequest("ts " + parsed + " is ahead of the server clock by more than " + maxClockAhead);
        }
        return parsed;
    }

    private static void collect(JsonNode node, String prefix, int depth, Instant ts, String deviceId,
            List<DataPoint> points) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix + field.getKey();
            if (depth == 0 && name.equals("ts")) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isObject() && depth + 1 < MAX_DEPTH) {
                collect(value, name + ".", depth + 1, ts, deviceId, points);
            } else if (value.isNumber() || value.isBoolean()) {
                points.add(new DataPoint(ts, deviceId, checkedName(name), numeric(name, value)));
                if (points.size() > MAX_METRICS) {
                    throw ClientError.badRequest("payload carries more than " + MAX_METRICS + " metrics");
                }
            }
        }
    }

    private static String checkedName(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw ClientError.badRequest("metric name '" + name
                    + "' must start with a letter and use at most 64 letters, digits, '_', '-' or '.'");
        }
        return name;
    }

    private static double numeric(String name, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? 1.0 : 0.0;
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw ClientError.badRequest("metric '" + name + "' is not a finite number");
        }
        return d;
    }
}
