package org.anju.platform.alerts.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.platform.ingest.CommittedMessage;
import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.Json;

/**
 * One committed message as the rules of its device type read it, and the signals they conclude.
 */
final class RuleInput {

    // compiled once: a rule runs for every stored message, and compiling these took an eighth of ingest's CPU
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern ACRONYM_WORD = Pattern.compile("([A-Z])([A-Z][a-z])");
    private static final Pattern NOT_SEGMENT = Pattern.compile("[^a-z0-9_]");
    /** Identifiers seen (error codes, compartment ids) are few; beyond this many, segments are not remembered. */
    private static final int MAX_KNOWN_SEGMENTS = 10_000;
    private static final Map<String, String> SEGMENTS = new ConcurrentHashMap<>();

    // the catalogue wrote the payloads with the protocol's mapper: read them with it
    private static final ObjectMapper JSON = Json.MAPPER;

    /** A decoded event: its kind, time and normalised JSON. */
    record Event(String kind, Instant ts, JsonNode json) {
    }

    private final CommittedMessage message;
    private final RuleSettings settings;
    private final boolean fireData;
    // sorted, so that one message always concludes its signals in the same order
    private final Map<String, DataPoint> points = new TreeMap<>();
    private final Map<String, String> status;
    private final List<Signal> signals = new ArrayList<>();
    private List<Event> events;

    RuleInput(CommittedMessage message, RuleSettings settings, boolean fireData) {
        this.message = message;
        this.settings = settings;
        this.fireData = fireData;
        this.status = new TreeMap<>(message.status());
        for (DataPoint p : message.points()) {
            DataPoint known = points.get(p.metric());
            if (known == null || !p.ts().isBefore(known.ts())) {
                points.put(p.metric(), p);
            }
        }
    }

    RuleSettings settings() {
        return settings;
    }

    String deviceId() {
        return message.deviceId();
    }

    /** Returns the message's events, their JSON parsed once. */
    List<Event> events() {
        if (events == null) {
            events = new ArrayList<>(message.events().size());
            for (DeviceEvent e : message.events()) {
                try {
                    events.add(new Event(e.kind(), e.ts(), JSON.readTree(e.payloadJson())));
                } catch (IOException ex) {
                    // the catalogue wrote this JSON itself
                    throw new UncheckedIOException(ex);
                }
            }
        }
        return events;
    }

    /** Returns the message's value of a metric, or null. */
    DataPoint point(String metric) {
        return points.get(metric);
    }

    Map<String, DataPoint> points() {
        return points;
    }

    Map<String, String> status() {
        return status;
    }

    /** Returns the time of the message's data: its newest point, else its newest event, else its receive time. */
    Instant dataTime() {
        return points.values().stream().map(DataPoint::ts).max(Instant::compareTo)
                .or(() -> message.events().stream().map(DeviceEvent::ts).max(Instant::compareTo))
                .orElse(message.receivedAt());
    }

    void raise(String type, Severity severity, Instant at, ObjectNode detail) {
        signals.add(new Signal(Signal.Action.RAISE, deviceId(), type, severity, fireData, at, detail));
    }

    void hold(String type, Severity severity, Instant at, ObjectNode detail) {
        signals.add(new Signal(Signal.Action.HOLD, deviceId(), type, severity, fireData, at, detail));
    }

    void clear(String type, Instant at) {
        signals.add(new Signal(Signal.Action.CLEAR, deviceId(), type, null, fireData, at, JSON.createObjectNode()));
    }

    List<Signal> signals() {
        return signals;
    }

    static ObjectNode detail() {
        return JSON.createObjectNode();
    }

    /** Copies an event's JSON as the alert detail. */
    static ObjectNode detail(Event event) {
        return event.json().isObject() ? ((ObjectNode) event.json()).deepCopy() : JSON.createObjectNode();
    }

    /**
     * Turns an identifier (OCPP error code, compartment id) into a type segment: {@code GroundFailure} →
     * {@code ground_failure}, {@code EVCommunicationError} → {@code ev_communication_error}.
     */
    static String segment(String raw) {
        String known = SEGMENTS.get(raw);
        if (known != null) {
            return known;
        }
        String segment = NOT_SEGMENT.matcher(ACRONYM_WORD.matcher(CAMEL_HUMP.matcher(raw).replaceAll("$1_$2"))
                .replaceAll("$1_$2").toLowerCase(Locale.ROOT)).replaceAll("_");
        if (SEGMENTS.size() < MAX_KNOWN_SEGMENTS) {
            SEGMENTS.put(raw, segment);
        }
        return segment;
    }
}
