package org.anju.platform.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonObject;

/**
 * Message text with placeholders: {@code {{topic}}}, {@code {{id}}}, {@code {{communityId}}},
 * {@code {{tenantId}}}, {@code {{createdAt}}} and {@code {{payload.some.field}}}. A placeholder
 * with no value becomes empty.
 */
final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    private Template() {
    }

    static String render(String template, StoredNotification n) {
        JsonObject context = n.toJson();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lookup(context, m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String lookup(JsonObject context, String path) {
        Object value = context;
        for (String part : path.split("\\.")) {
            if (!(value instanceof JsonObject object)) {
                return "";
            }
            value = object.getValue(part);
        }
        return value == null || value instanceof JsonObject ? "" : value.toString();
    }
}
