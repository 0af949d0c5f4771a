package org.anju.protocol.catalogue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.error.ClientError;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.camera.CameraCodec;
import org.anju.protocol.catalogue.charger.EvChargerCodec;
import org.anju.protocol.catalogue.elevator.ElevatorCodec;
import org.anju.protocol.catalogue.firepanel.FirePanelCodec;
import org.anju.protocol.catalogue.locker.ParcelLockerCodec;
import org.anju.protocol.catalogue.smoke.SmokeDetectorCodec;
import org.anju.protocol.catalogue.spi.Decoding;
import org.anju.protocol.catalogue.spi.Fields;
import org.anju.protocol.catalogue.spi.Sealing;
import org.anju.protocol.catalogue.spi.TypeCodec;

/**
 * The payload contract of every device type Anju knows: decodes a device's telemetry or event
 * message into data points, events and latest state, and rejects what breaks the contract.
 * <p>
 * The contract is published as one JSON Schema per device type and version, under
 * {@code schemas/v1/<type>.schema.json} on the class path, and described in
 * {@code docs/device-catalogue.md}. Every payload is a JSON object with an optional {@code ts}
 * (ISO-8601 with offset, or epoch milliseconds; default the receive time) and an optional schema
 * version {@code v} (default 1); an event also has a {@code kind}. Extra fields are ignored.
 * <p>
 * Some event fields tell about a person ({@link #sensitiveFields()}): the standard catalogue keeps
 * them as sent; a catalogue {@linkplain #sealingWith sealing with} a {@link FieldSealer} puts only
 * sealed values of {@link Sensitivity#SECRET} and {@link Sensitivity#MATCH_ONLY} fields into the
 * events it decodes.
 * <p>
 * Instances are immutable and thread-safe; decoding parses the payload once into a tree and
 * allocates little else, so one instance serves every message.
 */
public final class DeviceCatalogue {

    /** How far a device clock may run ahead of ours before its timestamps are refused. */
    public static final Duration DEFAULT_MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private static final List<TypeCodec> CODECS = List.of(
            new ElevatorCodec().typeCodec(), new SmokeDetectorCodec().typeCodec(), new FirePanelCodec().typeCodec(),
            new CameraCodec().typeCodec(), new ParcelLockerCodec().typeCodec(), new EvChargerCodec().typeCodec());
    private static final DeviceCatalogue STANDARD = new DeviceCatalogue(CODECS, DEFAULT_MAX_CLOCK_AHEAD,
            FieldSealer.AS_SENT);

    private final Map<DeviceType, TypeContract> contracts;
    private final Duration maxClockAhead;
    private final Map<String, Sensitivity> sensitiveFields;

    private DeviceCatalogue(List<TypeCodec> codecs, Duration maxClockAhead, FieldSealer sealer) {
        this.contracts = new EnumMap<>(DeviceType.class);
        codecs.forEach(codec -> contracts.put(codec.type(), new TypeContract(codec, sealer)));
        this.maxClockAhead = maxClockAhead;
        this.sensitiveFields = sensitiveFields(codecs);
    }

    /** Returns the catalogue of every device type, with the default clock tolerance. */
    public static DeviceCatalogue standard() {
        return STANDARD;
    }

    /** Returns the catalogue of every device type, refusing timestamps further ahead than {@code maxClockAhead}. */
    public static DeviceCatalogue standard(Duration maxClockAhead) {
        if (maxClockAhead.isNegative()) {
            throw new IllegalArgumentException("maxClockAhead must not be negative: " + maxClockAhead);
        }
        return new DeviceCatalogue(CODECS, maxClockAhead, FieldSealer.AS_SENT);
    }

    /** Returns this catalogue with events whose sealed fields hold what {@code sealer} makes of their values. */
    public DeviceCatalogue sealingWith(FieldSealer sealer) {
        return new DeviceCatalogue(CODECS, maxClockAhead, sealer);
    }

    /**
     * Returns the event fields of every type that tell about a person, by name (a name means the
     * same in every type that has it), with their sensitivity: what readers of stored events must
     * redact.
     */
    public Map<String, Sensitivity> sensitiveFields() {
        return sensitiveFields;
    }

    /**
     * Decodes a message from a device of the given type.
     *
     * @throws ClientError 400 whose message tells the device what is wrong, naming the payload, the
     *                     field, what was expected and what was sent: an empty or malformed
     *                     payload, duplicate keys, a missing required field, a wrong JSON type, a
     *                     value out of range or not in its enumeration, an unknown event kind, an
     *                     unsupported schema version, a {@code ts} more than the clock tolerance
     *                     ahead of the receive time, or a command-endpoint message
     */
    public DecodedMessage decode(DeviceType type, DeviceMessage message) {
        TypeContract contract = contracts.get(type);
        if (contract == null) {
            throw ClientError.badRequest("unknown device type '" + type + "'");
        }
        return switch (message.endpoint()) {
            case TELEMETRY -> decodeTelemetry(contract, message);
            case EVENT -> decodeEvent(contract, message);
            case COMMAND -> throw ClientError.badRequest(
                    type.wireName() + " command: the catalogue decodes telemetry and events only");
        };
    }

    /**
     * Decodes a message from a device whose type is known by its wire name (as the registry stores it).
     *
     * @throws ClientError 400 for an unknown device type, naming the known ones, and as
     *                     {@link #decode(DeviceType, DeviceMessage)}
     */
    public DecodedMessage decode(String deviceType, DeviceMessage message) {
        DeviceType type = DeviceType.fromWireName(deviceType).orElseThrow(() -> ClientError.badRequest(
                "unknown device type '" + deviceType + "': known types are " + Arrays.stream(DeviceType.values())
                        .map(DeviceType::wireName).collect(Collectors.joining(", "))));
        return decode(type, message);
    }

    /** Returns the event kinds a device of the given type may send, in documentation order. */
    public List<String> eventKinds(DeviceType type) {
        return List.copyOf(contracts.get(type).codec.events().sequencedKeySet());
    }

    /** Returns the class-path location of the JSON Schema of a device type, e.g. {@code schemas/v1/elevator.schema.json}. */
    public static String schemaResource(DeviceType type) {
        return "schemas/v" + Envelope.CURRENT_VERSION + "/" + type.wireName() + ".schema.json";
    }

    private DecodedMessage decodeTelemetry(TypeContract contract, DeviceMessage message) {
        Fields payload = Fields.of(contract.telemetryContext, Envelope.parse(message.payload(), contract.telemetryContext));
        Decoding out = start(payload, Envelope.version(payload), message, Sealing.NONE);
        contract.codec.telemetry().read(payload, out);
        return new DecodedMessage(out.points(), out.events(), out.status());
    }

    private DecodedMessage decodeEvent(TypeContract contract, DeviceMessage message) {
        Fields envelope = Fields.of(contract.eventContext, Envelope.parse(message.payload(), contract.eventContext));
        // the version first: another version may have other kinds
        int version = Envelope.version(envelope);
        JsonNode kind = envelope.raw("kind");
        if (kind == null) {
            throw envelope.missing("kind", contract.kindExpectation);
        }
        EventContract event = kind.isTextual() ? contract.events.get(kind.textValue()) : null;
        if (event == null) {
            throw envelope.invalid("kind", contract.kindExpectation, kind);
        }
        Fields payload = envelope.withContext(event.context);
        Decoding out = start(payload, version, message, contract.sealing);
        event.reader.read(event.kind, payload, out);
        return new DecodedMessage(out.points(), out.events(), out.status());
    }

    private Decoding start(Fields payload, int version, DeviceMessage message, Sealing sealing) {
        Instant ts = Envelope.timestamp(payload, message.receivedAt(), maxClockAhead);
        return new Decoding(message.deviceId(), ts, version, sealing);
    }

    private static Map<String, Sensitivity> sensitiveFields(List<TypeCodec> codecs) {
        Map<String, Sensitivity> fields = new HashMap<>();
        for (TypeCodec codec : codecs) {
            codec.sensitiveFields().forEach((field, sensitivity) -> {
                Sensitivity other = fields.putIfAbsent(field, sensitivity);
                if (other != null && other != sensitivity) {
                    throw new IllegalStateException("event field '" + field + "' is " + other
                            + " in one device type and " + sensitivity + " in another");
                }
            });
        }
        return Map.copyOf(fields);
    }

    /** A codec with the texts its error messages need, built once. */
    private static final class TypeContract {

        final TypeCodec codec;
        final Sealing sealing;
        final String telemetryContext;
        final String eventContext;
        final String kindExpectation;
        final Map<String, EventContract> events = new HashMap<>();

        TypeContract(TypeCodec codec, FieldSealer sealer) {
            this.codec = codec;
            this.sealing = codec.sensitiveFields().isEmpty() ? Sealing.NONE
                    : new Sealing(codec.sensitiveFields(), sealer);
            String type = codec.type().wireName();
            this.telemetryContext = type + " telemetry";
            this.eventContext = type + " event";
            this.kindExpectation = "one of " + String.join(", ", codec.events().sequencedKeySet());
            codec.events().forEach((kind, reader) ->
                    events.put(kind, new EventContract(kind, eventContext + " '" + kind + "'", reader)));
        }
    }

    private record EventContract(String kind, String context, TypeCodec.EventReader reader) {
    }
}
