package org.anju.protocol.catalogue.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

import org.anju.protocol.DeviceType;
import org.anju.protocol.catalogue.Sensitivity;

/**
 * The payload contract of one device type as the catalogue runs it: how its telemetry and each
 * kind of its events are read, checked and turned into data points, events and latest state.
 * <p>
 * The envelope ({@code ts}, {@code v}, {@code kind}) is read by the catalogue before a reader is
 * called. Readers throw {@link org.anju.error.ClientError} 400 through {@link Fields} when a
 * payload breaks the contract; they must be thread-safe.
 *
 * @param events          the event kinds in documentation order, each with its reader
 * @param sensitiveFields the event fields that tell about a person, by name, with how sensitive
 *                        each is (see {@link Sensitivity}); empty for most types
 */
public record TypeCodec(DeviceType type, TelemetryReader telemetry, SequencedMap<String, EventReader> events,
        Map<String, Sensitivity> sensitiveFields) {

    public TypeCodec {
        events = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(events));
        sensitiveFields = Map.copyOf(sensitiveFields);
    }

    /** Starts a codec of a type with its telemetry reader; add the event kinds in documentation order. */
    public static Builder builder(DeviceType type, TelemetryReader telemetry) {
        return new Builder(type, telemetry);
    }

    /** Reads a telemetry payload. */
    @FunctionalInterface
    public interface TelemetryReader {

        void read(Fields payload, Decoding out);
    }

    /** Reads one kind of event, whose kind the catalogue has already checked. */
    @FunctionalInterface
    public interface EventReader {

        void read(String kind, Fields payload, Decoding out);
    }

    /** Collects the event kinds of a codec. */
    public static final class Builder {

        private final DeviceType type;
        private final TelemetryReader telemetry;
        private final SequencedMap<String, EventReader> events = new LinkedHashMap<>();
        private final Map<String, Sensitivity> sensitiveFields = new LinkedHashMap<>();

        private Builder(DeviceType type, TelemetryReader telemetry) {
            this.type = type;
            this.telemetry = telemetry;
        }

        /** Adds one event kind. */
        public Builder event(String kind, EventReader reader) {
            events.put(kind, reader);
            return this;
        }

        /** Adds event kinds that one reader reads. */
        public Builder events(List<String> kinds, EventReader reader) {
            kinds.forEach(kind -> event(kind, reader));
            return this;
        }

        /**
         * Declares an event field sensitive: whatever kind of event puts it, a sealed sensitivity's
         * value is sealed before it enters the event's JSON ({@link EventJson#put}).
         */
        public Builder sensitive(String field, Sensitivity sensitivity) {
            sensitiveFields.put(field, sensitivity);
            return this;
        }

        /** Returns the codec with the kinds and sensitive fields added so far. */
        public TypeCodec build() {
            return new TypeCodec(type, telemetry, events, sensitiveFields);
        }
    }
}
