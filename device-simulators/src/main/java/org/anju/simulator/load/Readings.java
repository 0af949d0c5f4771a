package org.anju.simulator.load;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.anju.simulator.DeviceManifest;
import org.anju.simulator.TelemetryModel;

/**
 * One load device's telemetry: its type's model readings, each stamped with a {@code ts} (epoch
 * ms) that is unique for the device, so the ledger can find the message in the database.
 * Not thread-safe: one per device, used by its publisher only.
 */
final class Readings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceManifest.Device spec;
    private final TelemetryModel model;
    private long lastTsMillis;

    Readings(DeviceManifest.Device spec) {
        this.spec = spec;
        this.model = TelemetryModel.forType(spec.type(), spec.id().hashCode());
    }

    /** A reading ready to publish. */
    record Reading(long tsMillis, byte[] payload) {
    }

    Reading next() {
        lastTsMillis = Math.max(System.currentTimeMillis(), lastTsMillis + 1);
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("ts", lastTsMillis);
        reading.putAll(model.next(Instant.ofEpochMilli(lastTsMillis)));
        try {
            return new Reading(lastTsMillis, JSON.writeValueAsBytes(reading));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a reading of " + spec.type(), e);
        }
    }
}
