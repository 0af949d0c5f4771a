package org.anju.simulator.behaviour;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds ordered JSON payload maps. */
final class Payloads {

    private Payloads() {
    }

    /** Returns a mutable map of the given key/value pairs, in order; null values are left out. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /** An event payload of a kind. */
    static Map<String, Object> event(String kind, Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind);
        map.putAll(of(keysAndValues));
        return map;
    }
}
