package org.anju.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals and text blocks of Java source, with their escapes resolved well enough to
 * read SQL in them; comments and character literals are skipped. For checks that read the sources.
 */
final class JavaLiterals {

    private JavaLiterals() {
    }

    static List<String> of(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = end(source.indexOf('\n', i), n);
            } else if (source.startsWith("/*", i)) {
                i = end(source.indexOf("*/", i + 2), n) + 2;
            } else if (c == '\'') {
                i = skipQuoted(source, i + 1, '\'');
            } else if (source.startsWith("\"\"\"", i)) {
                StringBuilder text = new StringBuilder();
                i = source.indexOf('\n', i) + 1;
                while (i < n && !source.startsWith("\"\"\"", i)) {
                    i = append(source, i, text);
                }
                literals.add(text.toString());
                i += 3;
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                i++;
                while (i < n && source.charAt(i) != '"') {
                    i = append(source, i, text);
                }
                literals.add(text.toString());
                i++;
            } else {
                i++;
            }
        }
        return literals;
    }

    /** Appends the character (or escape) at {@code i}; returns where the next one starts. */
    private static int append(String source, int i, StringBuilder text) {
        char c = source.charAt(i);
        if (c == '\\' && i + 1 < source.length()) {
            char escaped = source.charAt(i + 1);
            text.append(switch (escaped) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case '\n' -> ' ';
                default -> escaped;
            });
            return i + 2;
        }
        text.append(c);
        return i + 1;
    }

    private static int skipQuoted(String source, int i, char quote) {
        while (i < source.length() && source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int end(int index, int length) {
        return index < 0 ? length : index;
    }
}
