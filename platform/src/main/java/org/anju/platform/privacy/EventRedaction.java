package org.anju.platform.privacy;

import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;

import org.anju.protocol.catalogue.Sensitivity;

/**
 * What a reader of stored device events sees of the fields that tell about a person (docs/security.md,
 * "Who sees what"): a {@link Sensitivity#SECRET} or {@link Sensitivity#MATCH_ONLY} field (stored
 * sealed) as {@value #REDACTED} for everybody, since only the resident it belongs to may read it
 * and residents do not read device events; a {@link Sensitivity#PERSONAL} field as stored only
 * for readers who may see the community's personal data, else as {@value #REDACTED}. A null value
 * (an unreadable plate) stays null. Thread-safe.
 */
public final class EventRedaction {

    /** What a hidden value reads as. */
    public static final String REDACTED = "••••";

    private final Map<String, Sensitivity> fields;
    private final List<String> quotedNames;

    /** Redacts the given fields, by name (the device catalogue's {@code sensitiveFields()}). */
    public EventRedaction(Map<String, Sensitivity> fields) {
        this.fields = Map.copyOf(fields);
        this.quotedNames = fields.keySet().stream().map(name -> '"' + name + '"').toList();
    }

    /**
     * Returns an event's JSON as the reader may see it.
     *
     * @param personalVisible whether the reader may see the personal data of the event's community
     */
    public String redact(String payloadJson, boolean personalVisible) {
        // most events hold no such field: answer them without parsing
        if (quotedNames.stream().noneMatch(payloadJson::contains)) {
            return payloadJson;
        }
        JsonObject payload = new JsonObject(payloadJson);
        boolean changed = false;
        for (Map.Entry<String, Sensitivity> field : fields.entrySet()) {
            boolean hidden = field.getValue().sealed() || !personalVisible;
            if (hidden && payload.getValue(field.getKey()) != null) {
                payload.put(field.getKey(), REDACTED);
                changed = true;
            }
        }
        return changed ? payload.encode() : payloadJson;
    }
}
