package org.anju.protocol.catalogue.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.error.ClientError;

/**
 * A validating view of one JSON object of a device payload: every accessor checks presence, JSON
 * type and range, and fails with a {@link ClientError} 400 that names the payload, the field path,
 * what was expected and what was sent, e.g.
 * {@code elevator telemetry: field 'floor' must be an integer from -10 to 200, got "x"}.
 * <p>
 * JSON {@code null} is a wrong type, not an absent field. Fields nobody asks for are ignored, which
 * is how extra fields are tolerated. Instances are cheap, immutable and confined to one message.
 */
public final class Fields {

    /** The largest integer a JSON number holds exactly; the upper bound of open-ended ranges. */
    public static final long MAX_EXACT = (1L << 53) - 1;

    private static final int MAX_SHOWN = 40;

    private final String context;
    private final String path;
    private final ObjectNode node;

    private Fields(String context, String path, ObjectNode node) {
        this.context = context;
        this.path = path;
        this.node = node;
    }

    /** Returns a view of a payload's root object; {@code context} names the payload, e.g. {@code elevator telemetry}. */
    public static Fields of(String context, ObjectNode root) {
        return new Fields(context, "", root);
    }

    /** Returns a view of the same object for another payload context (an event kind once it is known). */
    public Fields withContext(String newContext) {
        return new Fields(newContext, path, node);
    }

    /** Returns whether the field is present, whatever its value. */
    public boolean has(String name) {
        return node.has(name);
    }

    /** Returns the raw value, or null when absent. */
    public JsonNode raw(String name) {
        return node.get(name);
    }

    /** Returns an integer from {@code min} to {@code max}; use {@link #MAX_EXACT} for no upper bound. */
    public long requiredLong(String name, long min, long max) {
        return integer(name, require(name, () -> Expect.integer(min, max)), min, max);
    }

    /** Returns the integer, or null when the field is absent. */
    public Long optionalLong(String name, long min, long max) {
        JsonNode value = node.get(name);
        return value == null ? null : integer(name, value, min, max);
    }

    /** Returns an integer from {@code min} to {@code max}. */
    public int requiredInt(String name, int min, int max) {
        return (int) requiredLong(name, min, max);
    }

    /** Returns the integer, or null when the field is absent. */
    public Integer optionalInt(String name, int min, int max) {
        Long value = optionalLong(name, min, max);
        return value == null ? null : value.intValue();
    }

    /** Returns a number from {@code min} to {@code max}. */
    public double requiredNumber(String name, double min, double max) {
        return number(name, require(name, () -> Expect.number(min, max)), min, max);
    }

    /** Returns the number, or null when the field is absent. */
    public Double optionalNumber(String name, double min, double max) {
        JsonNode value = node.get(name);
        return value == null ? null : number(name, value, min, max);
    }

    /** Returns an integer that must be one of the codes of a standard's table. */
    public int requiredCode(String name, IntPredicate known, String expectation) {
        return code(name, require(name, () -> expectation), known, expectation);
    }

    /** Returns a code of a standard's table, or null when the field is absent. */
    public Integer optionalCode(String name, IntPredicate known, String expectation) {
        JsonNode value = node.get(name);
        return value == null ? null : code(name, value, known, expectation);
    }

    /** Returns a boolean. */
    public boolean requiredBoolean(String name) {
        return bool(name, require(name, () -> Expect.BOOLEAN));
    }

    /** Returns the boolean, or null when the field is absent. */
    public Boolean optionalBoolean(String name) {
        JsonNode value = node.get(name);
        return value == null ? null : bool(name, value);
    }

    /** Returns a text that follows the rule. */
    public String requiredText(String name, TextRule rule) {
        return text(name, require(name, rule::description), rule);
    }

    /** Returns the text, or null when the field is absent. */
    public String optionalText(String name, TextRule rule) {
        JsonNode value = node.get(name);
        return value == null ? null : text(name, value, rule);
    }

    /** Returns the constant named by the field's text. */
    public <E extends Enum<E>> E requiredEnum(String name, WireNames<E> names) {
        return enumValue(name, require(name, names::expectation), names);
    }

    /** Returns the constant, or null when the field is absent. */
    public <E extends Enum<E>> E optionalEnum(String name, WireNames<E> names) {
        JsonNode value = node.get(name);
        return value == null ? null : enumValue(name, value, names);
    }

    /** Returns a view of a nested object; its fields are named {@code name.field} in errors. */
    public Fields requiredObject(String name) {
        JsonNode value = require(name, () -> Expect.OBJECT);
        if (!value.isObject()) {
            throw invalid(name, Expect.OBJECT, value);
        }
        return new Fields(context, path + name + ".", (ObjectNode) value);
    }

    /** Returns views of the objects of an array; their fields are named {@code name[i].field} in errors. */
    public List<Fields> requiredObjects(String name, int minItems, int maxItems) {
        JsonNode value = require(name, () -> Expect.objects(minItems, maxItems));
        if (!value.isArray() || value.size() < minItems || value.size() > maxItems) {
            throw invalid(name, Expect.objects(minItems, maxItems), value);
        }
        List<Fields> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemName = name + "[" + i + "]";
            if (!item.isObject()) {
                throw invalid(itemName, Expect.OBJECT, item);
            }
            items.add(new Fields(context, path + itemName + ".", (ObjectNode) item));
        }
        return items;
    }

    /** Returns the error for a required field that is absent. */
    public ClientError missing(String name, String expectation) {
        return ClientError.badRequest(context + ": field '" + path + name + "' is required: " + expectation);
    }

    /** Returns the error for a field whose value breaks a rule only the caller knows. */
    public ClientError invalid(String name, String expectation, JsonNode got) {
        return ClientError.badRequest(context + ": field '" + path + name + "' must be " + expectation
                + ", got " + shown(got));
    }

    private JsonNode require(String name, Supplier<String> expectation) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw missing(name, expectation.get());
        }
        return value;
    }

    private int code(String name, JsonNode value, IntPredicate known, String expectation) {
        if (!isInteger(value) || !value.canConvertToInt() || !known.test(value.intValue())) {
            throw invalid(name, expectation, value);
        }
        return value.intValue();
    }

    private long integer(String name, JsonNode value, long min, long max) {
        double d = value.doubleValue();
        if (!isInteger(value) || d < min || d > max) {
            throw invalid(name, Expect.integer(min, max), value);
        }
        return value.longValue();
    }

    private double number(String name, JsonNode value, double min, double max) {
        double d = value.doubleValue();
        if (!value.isNumber() || !(d >= min && d <= max)) {
            throw invalid(name, Expect.number(min, max), value);
        }
        return d;
    }

    private boolean bool(String name, JsonNode value) {
        if (!value.isBoolean()) {
            throw invalid(name, Expect.BOOLEAN, value);
        }
        return value.booleanValue();
    }

    private String text(String name, JsonNode value, TextRule rule) {
        if (!value.isTextual() || !rule.accepts(value.textValue())) {
            throw invalid(name, rule.description(), value);
        }
        return value.textValue();
    }

    private <E extends Enum<E>> E enumValue(String name, JsonNode value, WireNames<E> names) {
        E found = value.isTextual() ? names.find(value.textValue()) : null;
        if (found == null) {
            throw invalid(name, names.expectation(), value);
        }
        return found;
    }

    private static boolean isInteger(JsonNode value) {
        // JSON Schema counts 3.0 as an integer; so do we, to agree with the published schemas
        return value.isIntegralNumber() || value.isFloatingPointNumber() && value.canConvertToExactIntegral();
    }

    private static String shown(JsonNode got) {
        String text = got.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
    }

    /**
     * A rule for a text field: length in characters (code points) and an optional pattern.
     *
     * @param description what a valid value is, as said in error messages
     */
    public record TextRule(int minLength, int maxLength, Pattern pattern, String description) {

        /** Creates a rule for any text of the given length, e.g. {@code a string of 1 to 20 characters}. */
        public static TextRule length(int minLength, int maxLength) {
            return new TextRule(minLength, maxLength, null,
                    "a string of " + minLength + " to " + maxLength + " characters");
        }

        /** Creates a rule for an identifier: a letter or digit, then letters, digits, '_', '.', ':' or '-'. */
        public static TextRule identifier(int maxLength) {
            return matching(1, maxLength, "[A-Za-z0-9][A-Za-z0-9_.:-]*",
                    "an identifier of 1 to " + maxLength + " letters, digits, '_', '.', ':' or '-'");
        }

        /** Creates a rule for text of the given length that matches a pattern (compiled once, here). */
        public static TextRule matching(int minLength, int maxLength, String regex, String description) {
            return new TextRule(minLength, maxLength, Pattern.compile(regex), description);
        }

        boolean accepts(String text) {
            int length = text.codePointCount(0, text.length());
            return length >= minLength && length <= maxLength && (pattern == null || pattern.matcher(text).matches());
        }
    }
}
