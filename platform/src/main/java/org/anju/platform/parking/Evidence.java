package org.anju.platform.parking;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.error.ServerError;
import org.anju.platform.Json;
import org.anju.platform.storage.history.EventRecord;
import org.anju.protocol.catalogue.camera.LaneDirection;

/** Plate reads from stored events, and as the JSON evidence of review items. */
final class Evidence {

    private Evidence() {
    }

    /** Returns the read a stored (normalised) {@code plate_read} event holds. */
    static GateRead read(EventRecord event, String carPark) {
        try {
            JsonNode p = Json.MAPPER.readTree(event.payload());
            JsonNode plate = p.path("plate");
            return new GateRead(event.id(), event.deviceId(), carPark, event.ts(),
                    plate.isTextual() ? plate.asText() : null,
                    LaneDirection.valueOf(p.path("direction").asText().toUpperCase(Locale.ROOT)),
                    p.path("gateId").asText(), p.path("confidence").asDouble());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // ingest stored it checked: a payload it cannot have written is our bug, not the device's
            throw ServerError.internal("stored plate read " + event.id() + " is not a plate read", e);
        }
    }

    /** Returns the reads as the JSON array stored with a review item. */
    static String json(List<GateRead> reads) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (GateRead r : reads) {
            ObjectNode o = array.addObject();
            o.put("eventId", r.eventId());
            o.put("deviceId", r.deviceId());
            o.put("carPark", r.carPark());
            o.put("gateId", r.gateId());
            o.put("direction", r.direction().name().toLowerCase(Locale.ROOT));
            o.put("ts", r.ts().toString());
            o.put("plate", r.plate());
            o.put("confidence", r.confidence());
        }
        return array.toString();
    }
}
