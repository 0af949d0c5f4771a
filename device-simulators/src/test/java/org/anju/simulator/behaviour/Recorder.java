package org.anju.simulator.behaviour;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.anju.protocol.DeviceMessage;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;
import org.anju.protocol.manifest.DeviceManifest;

/**
 * Drives a behaviour over simulated time in a test, keeping what it emitted and checking every
 * payload against the device catalogue as the platform would.
 */
final class Recorder implements Emitter {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Emission(Instant ts, boolean event, Map<String, Object> payload) {
        String kind() {
            return (String) payload.get("kind");
        }

        Number number(String field) {
            return (Number) payload.get(field);
        }
    }

    final List<Emission> emissions = new ArrayList<>();
    private final String type;

    Recorder(String type) {
        this.type = type;
    }

    static Behaviour behaviour(String type, Map<String, String> attributes) {
        return Behaviours.create(new DeviceManifest.Device(type + "-1", "acme", type + "-1", "pw", type, "elm-court",
                "elm-b1", 3, attributes));
    }

    /** Steps the behaviour from {@code from} every {@code step} until {@code to}. */
    Recorder run(Behaviour behaviour, Instant from, Instant to, Duration step) {
        for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
            behaviour.step(t, this);
        }
        return this;
    }

    List<Emission> telemetry() {
        return emissions.stream().filter(e -> !e.event()).toList();
    }

    List<Emission> events(String kind) {
        return emissions.stream().filter(e -> e.event() && kind.equals(e.kind())).toList();
    }

    @Override
    public void telemetry(Instant ts, Map<String, Object> payload) {
        check(ts, payload, Endpoint.TELEMETRY);
        emissions.add(new Emission(ts, false, payload));
    }

    @Override
    public void event(Instant ts, Map<String, Object> payload) {
        check(ts, payload, Endpoint.EVENT);
        emissions.add(new Emission(ts, true, payload));
    }

    private void check(Instant ts, Map<String, Object> payload, Endpoint endpoint) {
        Map<String, Object> stamped = new LinkedHashMap<>();
        stamped.put("ts", ts.toString());
        stamped.putAll(payload);
        try {
            byte[] bytes = JSON.writeValueAsString(stamped).getBytes(UTF_8);
            // decode throws ClientError naming the field when the catalogue refuses the payload
            DeviceCatalogue.standard().decode(type, new DeviceMessage("acme", type + "-1", endpoint, 1, bytes, ts));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        } catch (RuntimeException e) {
            throw new AssertionError(type + " emitted a payload the catalogue refuses: " + stamped + ": " + e.getMessage(), e);
        }
    }
}
