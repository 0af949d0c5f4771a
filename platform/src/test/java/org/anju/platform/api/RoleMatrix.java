package org.anju.platform.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.platform.api.AccessWorld.Caller;

/**
 * The role matrix as data ({@code role-matrix.txt} on the test class path): one row per route and
 * target with the status each caller must get, and the request body of each route that takes one.
 *
 * @param rows   in the order of the file
 * @param bodies body templates by route ({@code METHOD /path})
 */
record RoleMatrix(List<Row> rows, Map<String, String> bodies) {

    private static final String RESOURCE = "/role-matrix.txt";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /**
     * One call to make as every caller, and what each must get.
     *
     * @param path     the path as in openapi.yaml, with placeholders, and maybe a query
     * @param target   the name of what the placeholders point at, {@code -} for nothing
     * @param expected the status per caller
     * @param line     the line of the file, for messages
     */
    record Row(String method, String path, String target, Map<Caller, Integer> expected, int line) {

        /** Returns the route as openapi.yaml names it: {@code METHOD /path/{param}}, without the query. */
        String route() {
            int query = path.indexOf('?');
            return method + " " + (query < 0 ? path : path.substring(0, query));
        }
    }

    /** Reads the matrix; a malformed line fails with its number. */
    static RoleMatrix load() throws IOException {
        try (InputStream in = RoleMatrix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return parse(new String(in.readAllBytes(), UTF_8));
        }
    }

    static RoleMatrix parse(String text) {
        List<Row> rows = new ArrayList<>();
        Map<String, String> bodies = new HashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words[0].equals("body")) {
                String[] parts = line.split("\\s+", 4);
                bodies.put(parts[1] + " " + parts[2], parts[3]);
            } else {
                rows.add(row(words, i + 1));
            }
        }
        return new RoleMatrix(List.copyOf(rows), Map.copyOf(bodies));
    }

    /** Returns the routes of the rows, in order. */
    Set<String> routes() {
        Set<String> routes = new LinkedHashSet<>();
        rows.forEach(row -> routes.add(row.route()));
        return routes;
    }

    /** Returns the body a row's route sends, or null; POST, PUT and PATCH without a body line send {@code {}}. */
    String body(Row row) {
        String body = bodies.get(row.route());
        if (body == null && List.of("POST", "PUT", "PATCH").contains(row.method())) {
            return "{}";
        }
        return body;
    }

    /**
     * Fills the placeholders of a path or body.
     *
     * @throws IllegalStateException naming a placeholder that has no value
     */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {" + m.group(1) + "} in '" + template + "'");
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return m.appendTail(filled).toString();
    }

    private static Row row(String[] words, int line) {
        Caller[] callers = Caller.values();
        if (words.length != 3 + callers.length) {
            throw new IllegalStateException("role-matrix.txt line " + line + ": expected method, path, target and "
                    + callers.length + " statuses, found " + words.length + " words");
        }
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        for (int i = 0; i < callers.length; i++) {
            expected.put(callers[i], Integer.parseInt(words[3 + i]));
        }
        return new Row(words[0], words[1], words[2], expected, line);
    }
}
