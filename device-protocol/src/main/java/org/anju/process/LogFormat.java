package org.anju.process;

import java.util.Set;

/**
 * Checks {@value #ENV} before anything logs: Logback (configured by {@code logback.xml}) would
 * otherwise drop every line of an unknown format silently.
 */
public final class LogFormat {

    /** The environment variable choosing the log format. */
    public static final String ENV = "ANJU_LOG_FORMAT";
    /** The formats {@code logback.xml} defines: one appender each. */
    public static final Set<String> FORMATS = Set.of("text", "json");
    /** The exit code of a start refused for a bad setting, as for the platform's configuration. */
    public static final int EXIT_BAD_SETTING = 2;

    private LogFormat() {
    }

    /** Exits with {@value #EXIT_BAD_SETTING} and one line naming the variable when it holds an unknown format. */
    public static void checkOrExit() {
        String format = System.getenv(ENV);
        if (format != null && !format.isEmpty() && !FORMATS.contains(format)) {
            System.err.println("anju: " + ENV + " must be one of " + FORMATS.stream().sorted().toList()
                    + ", not '" + format + "'");
            System.exit(EXIT_BAD_SETTING);
        }
    }
}
