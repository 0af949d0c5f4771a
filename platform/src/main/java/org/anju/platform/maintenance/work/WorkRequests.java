package org.anju.platform.maintenance.work;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;

/** The request bodies of work-order actions, checked field by field (400 naming the field). Pure. */
final class WorkRequests {

    /** At most this many photos or crew members or checklist answers per request. */
    static final int MAX_ITEMS = 50;
    private static final int MAX_TEXT = 2000;
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"<>]{1,500}");
    /** An object key of the object store: no spaces, no parent segments, no leading slash. */
    private static final Pattern OBJECT_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,299}");

    /** One checklist answer. */
    record Answer(String item, boolean ok, String note) {
    }

    private WorkRequests() {
    }

    /** Returns a required text field, trimmed, of at most {@code max} characters. */
    static String text(JsonObject body, String field, int max) {
        String value = optionalText(body, field, max);
        if (value == null) {
            throw ClientError.badRequest("field '" + field + "' is required");
        }
        return value;
    }

    /** Returns an optional text field, trimmed (null when absent or blank). */
    static String optionalText(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw ClientError.badRequest("field '" + field + "' must be text");
        }
        String trimmed = s.strip();
        if (trimmed.length() > max) {
            throw ClientError.badRequest("field '" + field + "' is longer than " + max + " characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Returns an optional whole-number field. */
    static Long optionalId(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() <= 0) {
            throw ClientError.badRequest("field '" + field + "' must be a record id (a positive whole number)");
        }
        return ((Number) value).longValue();
    }

    /** Returns the crew on site: distinct non-blank names, at least one. */
    static List<String> crew(JsonObject body) {
        List<String> crew = texts(body, "crew", 100);
        if (crew.isEmpty()) {
            throw ClientError.badRequest("field 'crew' must name the people on site");
        }
        if (new LinkedHashSet<>(crew).size() != crew.size()) {
            throw ClientError.badRequest("field 'crew' names someone twice");
        }
        return crew;
    }

    /** Returns the photo references: http(s) URLs or object keys; none when absent. */
    static List<String> photos(JsonObject body) {
        List<String> photos = texts(body, "photos", 500);
        for (String photo : photos) {
            if (!(URL.matcher(photo).matches() || (OBJECT_KEY.matcher(photo).matches() && !photo.contains("..")))) {
                throw ClientError.badRequest("photo '" + photo + "' is neither an http(s) URL nor an object key");
            }
        }
        return photos;
    }

    /** Returns the note text of a request (field {@code text}), null when none. */
    static String note(JsonObject body) {
        return optionalText(body, "text", MAX_TEXT);
    }

    /** Returns the checklist answers ({@code results: [{item, ok, note}]}), at least one. */
    static List<Answer> answers(JsonObject body) {
        JsonArray results = array(body, "results");
        if (results == null || results.isEmpty()) {
            throw ClientError.badRequest("field 'results' must list checklist answers");
        }
        List<Answer> answers = new ArrayList<>();
        for (Object r : results) {
            if (!(r instanceof JsonObject result)) {
                throw ClientError.badRequest("field 'results' must hold objects {item, ok, note}");
            }
            if (!(result.getValue("ok") instanceof Boolean ok)) {
                throw ClientError.badRequest("field 'results[].ok' must be true or false");
            }
            answers.add(new Answer(text(result, "item", 100), ok, optionalText(result, "note", MAX_TEXT)));
        }
        return answers;
    }

    /**
     * Returns a whole-number query parameter from 1 to {@code max}, {@code otherwise} when absent.
     *
     * @throws ClientError 400 naming the parameter
     */
    static long queryNumber(Function<String, String> params, String name, long otherwise, long max) {
        String value = params.apply(name);
        if (value == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ClientError.badRequest("parameter '" + name + "' must be a whole number from 1 to " + max);
    }

    private static List<String> texts(JsonObject body, String field, int max) {
        JsonArray values = array(body, field);
        List<String> texts = new ArrayList<>();
        if (values == null) {
            return texts;
        }
        for (Object v : values) {
            if (!(v instanceof String s) || s.isBlank() || s.strip().length() > max) {
                throw ClientError.badRequest("field '" + field + "' must hold non-blank text of at most " + max
                        + " characters");
            }
            texts.add(s.strip());
        }
        return texts;
    }

    private static JsonArray array(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray a)) {
            throw ClientError.badRequest("field '" + field + "' must be a list");
        }
        if (a.size() > MAX_ITEMS) {
            throw ClientError.badRequest("field '" + field + "' holds more than " + MAX_ITEMS + " items");
        }
        return a;
    }
}
