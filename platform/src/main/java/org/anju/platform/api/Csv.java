package org.anju.platform.api;

import java.util.List;

/**
 * CSV for spreadsheets (RFC 4180, CRLF): UTF-8 with a byte-order mark, so that Excel opens Chinese
 * text as such; text cells that a spreadsheet would run as a formula (starting with {@code = + - @},
 * a tab or a carriage return) are prefixed with {@code '} (OWASP "CSV injection"); numbers are
 * written as they are.
 */
final class Csv {

    private final StringBuilder text = new StringBuilder("\uFEFF");

    /** Starts a document with its header row. */
    Csv(String... header) {
        row((Object[]) header);
    }

    /** Adds a row; a null cell is empty. */
    Csv row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells[i]));
        }
        text.append("\r\n");
        return this;
    }

    /** Adds rows. */
    Csv rows(List<Object[]> rows) {
        rows.forEach(this::row);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** Returns one cell: a number as it is, text guarded against formulas and quoted when it must be. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.startsWith("'")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
