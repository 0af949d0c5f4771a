package org.anju.simulator.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario durations: {@code 10s}, {@code 2m}, {@code 1h30m}, {@code 500ms}, {@code 0}; an
 * optional leading {@code +} ({@code +2m}) reads as an offset from the start.
 */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("\\+?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {
    }

    /** Parses a duration; empty when the text is not one. */
    public static java.util.Optional<Duration> parse(String text) {
        String t = text.strip();
        if (t.equals("0") || t.equals("+0")) {
            return java.util.Optional.of(Duration.ZERO);
        }
        Matcher m = FORMAT.matcher(t);
        if (t.isEmpty() || t.equals("+") || !m.matches()) {
            return java.util.Optional.empty();
        }
        Duration d = Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2)))
                .plusSeconds(number(m.group(3))).plusMillis(number(m.group(4)));
        return java.util.Optional.of(d);
    }

    /** Writes a duration the way scenarios do: {@code 2m}, {@code 1h30m}, {@code 4.2s} below a minute. */
    public static String format(Duration d) {
        if (d.toMillis() < 60_000 && d.toMillis() % 1000 != 0) {
            return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        long s = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            out.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0 || out.isEmpty()) {
            out.append(s % 60).append('s');
        }
        return out.toString();
    }

    static Duration read(YamlNode node, String what) {
        String text = node.scalar();
        if (text == null) {
            throw node.error(what + " must be a duration such as 10s, 2m or 1h30m");
        }
        return parse(text).orElseThrow(() -> node.error(what + " '" + text
                + "' is not a duration: write e.g. 10s, 2m, 1h30m or 500ms"));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
