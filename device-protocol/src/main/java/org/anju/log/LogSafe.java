package org.anju.log;

/**
 * Makes text that others chose (an MQTT client id, a user name, a topic, a login name) safe to
 * put in a log line: control characters are escaped, so that nobody can forge log lines with a
 * newline or hide text with terminal escape sequences, and overlong text is cut.
 * <p>
 * {@code \n}, {@code \r} and {@code \t} become those two-character escapes, a backslash becomes
 * {@code \\}, and every other control character (C0, DEL, C1) and the Unicode line, paragraph and
 * bidirectional-override characters become {@code \}{@code uXXXX}. The result is one line of
 * printable text that reads back unambiguously.
 */
public final class LogSafe {

    /** The longest text logged as is; longer text is cut and says how long it was. */
    public static final int MAX_LENGTH = 256;

    private LogSafe() {
    }

    /** Returns the text escaped for a log line; {@code "null"} for null. */
    public static String text(String text) {
        if (text == null) {
            return "null";
        }
        int length = Math.min(text.length(), MAX_LENGTH);
        StringBuilder out = null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        String safe = out != null ? out.toString() : text.substring(0, length);
        return text.length() > MAX_LENGTH ? safe + "...(" + text.length() + " characters)" : safe;
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            default -> needsEscape(c) ? String.format("\\u%04x", (int) c) : null;
        };
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) // C0, DEL and C1
                || c == '\u2028' || c == '\u2029' // line and paragraph separators
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') // bidi overrides
                || c == '\u200e' || c == '\u200f' || c == '\u061c'; // bidi marks
    }
}
