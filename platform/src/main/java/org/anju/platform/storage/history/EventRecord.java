package org.anju.platform.storage.history;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One stored device event.
 *
 * @param payload the event's JSON object as the device sent it (written into responses as JSON)
 */
public record EventRecord(long id, Instant ts, String deviceId, String kind, @JsonRawValue String payload) {
}
