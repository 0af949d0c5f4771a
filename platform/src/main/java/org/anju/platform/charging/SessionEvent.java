package org.anju.platform.charging;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.anju.error.ServerError;
import org.anju.platform.Json;
import org.anju.platform.storage.history.EventRecord;

/**
 * A stored {@code session_started} or {@code session_stopped} event of a charger.
 *
 * @param idTagHash the keyed hash ingest stored for the tag, null when the stop did not name one
 * @param meterWh   meterStart or meterStop
 * @param reason    the stop reason, null for a start
 */
record SessionEvent(long eventId, String deviceId, String communityId, Instant ts, boolean start, int connectorId,
        int transactionId, String idTagHash, long meterWh, String reason) {

    static SessionEvent of(EventRecord e, String communityId) {
        try {
            JsonNode p = Json.MAPPER.readTree(e.payload());
            boolean start = e.kind().equals("session_started");
            JsonNode tag = p.path("idTag");
            return new SessionEvent(e.id(), e.deviceId(), communityId, e.ts(), start, p.path("connectorId").asInt(),
                    p.path("transactionId").asInt(), tag.isTextual() ? tag.asText() : null,
                    p.path(start ? "meterStart" : "meterStop").asLong(),
                    start ? null : p.path("reason").asText("Local"));
        } catch (JsonProcessingException ex) {
            // ingest stored it checked: a payload it cannot have written is our bug, not the charger's
            throw ServerError.internal("stored charging event " + e.id() + " is not JSON", ex);
        }
    }

    String connectorKey() {
        return deviceId + '\0' + connectorId;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s#%d tx %d at %s", start ? "start" : "stop", deviceId, connectorId,
                transactionId, ts);
    }
}
