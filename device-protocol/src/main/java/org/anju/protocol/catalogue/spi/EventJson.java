package org.anju.protocol.catalogue.spi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The normalised JSON of a decoded event, filled field by field: absent optional values (Java
 * null) are left out, so the stored event holds what the device said, checked, plus what the
 * catalogue derives (names of codes, defaults). A text value of a field the type declares
 * {@linkplain org.anju.protocol.catalogue.Sensitivity#sealed() sealed} is stored as its
 * {@link Sealing} seals it, never as sent.
 */
public final class EventJson {

    private final ObjectNode node;
    private final Sealing sealing;

    private EventJson(ObjectNode node, Sealing sealing) {
        this.node = node;
        this.sealing = sealing;
    }

    static EventJson create(Sealing sealing) {
        return new EventJson(JsonNodeFactory.instance.objectNode(), sealing);
    }

    /**
     * Sets a field to a text, number or boolean; does nothing when the value is null.
     *
     * @throws IllegalArgumentException when the value is of another type (a programming error)
     */
    public EventJson put(String name, Object value) {
        switch (value) {
            case null -> { }
            case String s -> node.put(name, sealing.apply(name, s));
            case Integer i -> node.put(name, i.intValue());
            case Long l -> node.put(name, l.longValue());
            case Double d -> node.put(name, d.doubleValue());
            case Boolean b -> node.put(name, b.booleanValue());
            default -> throw new IllegalArgumentException("not a JSON scalar: " + value.getClass());
        }
        return this;
    }

    /** Sets a field to JSON null, for the few fields where null carries meaning (an unreadable plate). */
    public EventJson putNull(String name) {
        node.putNull(name);
        return this;
    }

    /** Adds a nested object and returns it for filling. */
    public EventJson putObject(String name) {
        return new EventJson(node.putObject(name), sealing);
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
