package org.anju.protocol.catalogue.firepanel;

/**
 * A signal of a building fire facility as the UITD forwards it: a category that began or ended,
 * of a system and, for component signals, of one component.
 *
 * @param restored      whether the state ended (kind {@code <category>_restored})
 * @param systemType    GB/T 26875.3 system type code, see {@link Gb26875Codes}
 * @param systemAddress the panel's system address (0 to 255), null when not sent
 * @param componentType GB/T 26875.3 component type code, null for a system-level signal
 * @param address       the component's address, null for a system-level signal
 * @param location      the component's description as configured in the panel, null when not sent
 */
public record UitdSignal(
        SignalCategory category,
        boolean restored,
        int systemType,
        Integer systemAddress,
        Integer componentType,
        ComponentAddress address,
        String location) {
}
