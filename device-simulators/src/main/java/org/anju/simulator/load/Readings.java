package org.anju.simulator.load;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.behaviour.Behaviour;
import org.anju.simulator.behaviour.Behaviours;
import org.anju.simulator.behaviour.Emitter;

/**
 * One load device's telemetry: its behaviour model's readings (stepped to each message's time;
 * the events the model emits on the way are left out, the ledger checks telemetry), each stamped
 * with a {@code ts} (epoch ms) that is unique for the device, so the ledger can find the message in
 * the database. Not thread-safe: one per device, used by its publisher only.
 */
final class Readings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceManifest.Device spec;
    private final Behaviour behaviour;
    private long lastTsMillis;
    private Map<String, Object> telemetry;

    Readings(DeviceManifest.Device spec) {
        this.spec = spec;
        this.behaviour = Behaviours.create(spec);
    }

    /** A reading ready to publish. */
    record Reading(long tsMillis, byte[] payload) {
    }

    Reading next() {
        lastTsMillis = Math.max(System.currentTimeMillis(), lastTsMillis + 1);
        telemetry = null;
        behaviour.step(Instant.ofEpochMilli(lastTsMillis), new Emitter() {
            @Override
            public void telemetry(Instant ts, Map<String, Object> payload) {
                telemetry = payload;
            }

            @Override
            public void event(Instant ts, Map<String, Object> payload) {
            }
        });
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("ts", lastTsMillis);
        reading.putAll(telemetry);
        try {
            return new Reading(lastTsMillis, JSON.writeValueAsBytes(reading));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a reading of " + spec.type(), e);
        }
    }
}
