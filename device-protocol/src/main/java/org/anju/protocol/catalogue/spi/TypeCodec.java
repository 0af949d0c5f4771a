package org.anju.protocol.catalogue.spi;

import java.util.SequencedMap;

import org.anju.protocol.DeviceType;

/**
 * The payload contract of one device type: how its telemetry and each kind of its events are
 * read, checked and turned into data points, events and latest state.
 * <p>
 * The envelope ({@code ts}, {@code v}, {@code kind}) is read by the catalogue before a codec is
 * called. Codecs throw {@link org.anju.error.ClientError} 400 through {@link Fields} when a payload
 * breaks the contract. Implementations are immutable and thread-safe.
 */
public interface TypeCodec {

    DeviceType type();

    /** Reads a telemetry payload. */
    void decodeTelemetry(Fields payload, Decoding out);

    /** Returns the event kinds of this type, in documentation order, each with its decoder. */
    SequencedMap<String, EventDecoder> events();

    /** Reads one kind of event. */
    @FunctionalInterface
    interface EventDecoder {

        /** Reads an event whose kind the catalogue has already checked. */
        void decode(String kind, Fields payload, Decoding out);
    }
}
