package org.anju.protocol.catalogue;

/**
 * Turns the value of a {@linkplain Sensitivity#sealed() sealed} event field into what is stored
 * instead: a ciphertext for a {@link Sensitivity#SECRET}, a keyed hash for a
 * {@link Sensitivity#MATCH_ONLY} value. The platform implements it with keys the device protocol
 * never sees.
 * <p>
 * Implementations must be thread-safe; they are called on the decoding thread, once per sealed
 * field of an event, and never for telemetry.
 */
@FunctionalInterface
public interface FieldSealer {

    /** Keeps values as the device sent them: for contract tests and tools that store nothing. */
    FieldSealer AS_SENT = (field, sensitivity, value) -> value;

    /**
     * Returns what to store for the value.
     *
     * @param field       the field's name, e.g. {@code pickupCode}
     * @param sensitivity {@link Sensitivity#SECRET} or {@link Sensitivity#MATCH_ONLY}
     * @param value       the value as the device sent it (checked against the contract), never null
     */
    String seal(String field, Sensitivity sensitivity, String value);
}
