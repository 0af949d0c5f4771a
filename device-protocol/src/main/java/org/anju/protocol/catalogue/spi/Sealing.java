package org.anju.protocol.catalogue.spi;

import java.util.Map;

import org.anju.protocol.catalogue.FieldSealer;
import org.anju.protocol.catalogue.Sensitivity;

/**
 * The sensitive event fields of one device type and the sealer of their values, applied as the
 * codec fills an event's JSON.
 *
 * @param fields the type's sensitive fields by name
 */
public record Sealing(Map<String, Sensitivity> fields, FieldSealer sealer) {

    /** Nothing is sensitive: values are kept as sent. */
    public static final Sealing NONE = new Sealing(Map.of(), FieldSealer.AS_SENT);

    public Sealing {
        fields = Map.copyOf(fields);
    }

    /** Returns what to store for a text value of the field: sealed when the field is declared so. */
    String apply(String field, String value) {
        if (fields.isEmpty()) {
            return value;
        }
        Sensitivity sensitivity = fields.get(field);
        return sensitivity == null || !sensitivity.sealed() ? value : sealer.seal(field, sensitivity, value);
    }
}
