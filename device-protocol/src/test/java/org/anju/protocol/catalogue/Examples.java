package org.anju.protocol.catalogue;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.Json;

/**
 * The example payload corpus under {@code src/test/resources/examples/<type>/}: valid examples
 * ({@code telemetry*.json}, {@code event-<kind>*.json}), which the documentation shows, and the
 * invalid cases of {@code invalid.json} with the exact message each must be refused with.
 */
final class Examples {

    /** The receive time of every example message; the examples' own {@code ts} lie before it. */
    static final Instant RECEIVED_AT = Instant.parse("2026-11-29T09:00:00Z");
    static final String DEVICE_ID = "dev-1";

    private Examples() {
    }

    /** A valid example file. */
    record Valid(DeviceType type, String file, Endpoint endpoint, String kind, byte[] payload) {

        JsonNode json() {
            return parse(payload);
        }

        DeviceMessage message() {
            return Examples.message(endpoint, payload);
        }

        @Override
        public String toString() {
            return type.wireName() + "/" + file;
        }
    }

    /** An invalid case and the message it must be refused with. */
    record Invalid(DeviceType type, Endpoint endpoint, String message, JsonNode payload) {

        DeviceMessage deviceMessage() {
            return Examples.message(endpoint, payload.toString().getBytes(UTF_8));
        }

        @Override
        public String toString() {
            return message;
        }
    }

    static Path root() {
        try {
            return Path.of(Examples.class.getResource("/examples").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Valid> valid() {
        List<Valid> all = new ArrayList<>();
        for (DeviceType type : DeviceType.values()) {
            all.addAll(valid(type));
        }
        return all;
    }

    static List<Valid> valid(DeviceType type) {
        try (Stream<Path> files = Files.list(root().resolve(type.wireName()))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("telemetry") || name.startsWith("event-"))
                    .sorted()
                    .map(name -> valid(type, name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads one valid example, e.g. {@code valid(ELEVATOR, "event-fault.json")}. */
    static Valid valid(DeviceType type, String file) {
        byte[] payload = read(root().resolve(type.wireName()).resolve(file));
        if (file.startsWith("telemetry")) {
            return new Valid(type, file, Endpoint.TELEMETRY, null, payload);
        }
        return new Valid(type, file, Endpoint.EVENT, parse(payload).get("kind").asText(), payload);
    }

    static List<Invalid> invalid() {
        List<Invalid> all = new ArrayList<>();
        for (DeviceType type : DeviceType.values()) {
            for (JsonNode c : parse(read(root().resolve(type.wireName()).resolve("invalid.json")))) {
                Endpoint endpoint = Endpoint.fromSegment(c.get("endpoint").asText()).orElseThrow();
                all.add(new Invalid(type, endpoint, c.get("message").asText(), c.get("payload")));
            }
        }
        return all;
    }

    /** Decodes a valid example file with the standard catalogue. */
    static DecodedMessage decode(DeviceType type, String file) {
        return DeviceCatalogue.standard().decode(type, valid(type, file).message());
    }

    /** Returns the normalised JSON of the only event of a decoded message. */
    static JsonNode onlyEventJson(DecodedMessage decoded) {
        if (decoded.events().size() != 1) {
            throw new AssertionError("expected one event, got " + decoded.events());
        }
        return parse(decoded.events().getFirst().payloadJson().getBytes(UTF_8));
    }

    /** Returns a data point of the example device. */
    static DataPoint point(Instant ts, String metric, double value) {
        return new DataPoint(ts, DEVICE_ID, metric, value);
    }

    static DeviceMessage message(Endpoint endpoint, String json) {
        return message(endpoint, json.getBytes(UTF_8));
    }

    static DeviceMessage message(Endpoint endpoint, byte[] payload) {
        return new DeviceMessage("acme", DEVICE_ID, endpoint, 1, payload, RECEIVED_AT);
    }

    static JsonNode json(String text) {
        return parse(text.getBytes(UTF_8));
    }

    static JsonNode parse(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
