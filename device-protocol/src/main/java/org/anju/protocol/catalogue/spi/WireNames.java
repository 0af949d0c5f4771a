package org.anju.protocol.catalogue.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The names by which the constants of an enum travel in payloads, with the lookup in both
 * directions built once.
 *
 * @param <E> the enum
 */
public final class WireNames<E extends Enum<E>> {

    private final String[] wireByOrdinal;
    private final Map<String, E> byWire;
    private final String expectation;

    private WireNames(E[] constants, Function<E, String> wireName) {
        this.wireByOrdinal = new String[constants.length];
        this.byWire = new HashMap<>();
        for (E constant : constants) {
            String wire = wireName.apply(constant);
            wireByOrdinal[constant.ordinal()] = wire;
            byWire.put(wire, constant);
        }
        this.expectation = "one of " + String.join(", ", wireByOrdinal);
    }

    /** Names {@code FIRE_RETURN} {@code fire_return}. */
    public static <E extends Enum<E>> WireNames<E> lowerSnake(Class<E> type) {
        return new WireNames<>(type.getEnumConstants(), e -> e.name().toLowerCase(Locale.ROOT));
    }

    /** Names each constant by a function of it, e.g. a code a standard assigns. */
    public static <E extends Enum<E>> WireNames<E> of(Class<E> type, Function<E, String> wireName) {
        return new WireNames<>(type.getEnumConstants(), wireName);
    }

    /** Names each constant exactly as it is spelled, for enums that copy a standard's spelling (OCPP). */
    public static <E extends Enum<E>> WireNames<E> exact(Class<E> type) {
        return new WireNames<>(type.getEnumConstants(), Enum::name);
    }

    /** Returns the constant with this wire name, or null. */
    public E find(String wire) {
        return byWire.get(wire);
    }

    /** Returns the wire name of a constant. */
    public String wire(E constant) {
        return wireByOrdinal[constant.ordinal()];
    }

    /** Returns every wire name, in declaration order. */
    public List<String> all() {
        return List.of(wireByOrdinal);
    }

    /** Returns {@code one of a, b, c}, as error messages say it. */
    public String expectation() {
        return expectation;
    }
}
