package org.anju.platform.billing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Milliseconds spent per phase of a billing run, summed over repeats, for the debug log. */
final class RunPhases {

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long mark = System.nanoTime();

    /** Ends the phase running since the last call (or since this was made). */
    void done(String phase) {
        long now = System.nanoTime();
        nanos.merge(phase, now - mark, Long::sum);
        mark = now;
    }

    @Override
    public String toString() {
        return nanos.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() / 1_000_000)
                .collect(Collectors.joining(", "));
    }
}
