package org.anju.platform.settings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;

/**
 * A request body that changes some of a community's own figures (billing settings, maintenance
 * settings): each field given replaces the community's figure, a field given as null returns it to
 * the platform default, a field left out keeps the current one. It also holds the range checks the
 * figures' records share, so that every settings API answers a bad figure with the same 400 naming
 * the field.
 */
public final class SettingsBody {

    private final JsonObject body;

    private SettingsBody(JsonObject body) {
        this.body = body;
    }

    /**
     * Returns the body, checked to name only known fields.
     *
     * @param what the settings' name in the message ("a billing setting")
     * @throws ClientError 400 naming an unknown field and listing the known ones
     */
    public static SettingsBody of(JsonObject body, Set<String> known, String what) {
        for (String name : body.fieldNames()) {
            if (!known.contains(name)) {
                throw ClientError.badRequest("field '" + name + "' is not " + what + "; known: "
                        + known.stream().sorted().toList());
            }
        }
        return new SettingsBody(body);
    }

    /**
     * Returns the whole number given for the field, null when given as null, {@code current} when left out.
     *
     * @throws ClientError 400 naming the field when the value is not a whole number
     */
    public Integer whole(String field, Integer current) {
        return body.containsKey(field) ? whole(field, body.getValue(field)) : current;
    }

    /**
     * Returns the number given for the field, null when given as null, {@code current} when left out.
     *
     * @throws ClientError 400 naming the field when the value is not a number
     */
    public BigDecimal decimal(String field, BigDecimal current) {
        if (!body.containsKey(field)) {
            return current;
        }
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return plain(new BigDecimal(n.toString()));
        }
        throw ClientError.badRequest("field '" + field + "' must be a number, got " + v);
    }

    /**
     * Returns the list of whole numbers given for the field, null when given as null, {@code current}
     * when left out (the caller checks the steps with {@link #ascending}).
     *
     * @throws ClientError 400 naming the field, or the item, that is not a whole number
     */
    public List<Integer> steps(String field, List<Integer> current) {
        if (!body.containsKey(field)) {
            return current;
        }
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray array)) {
            throw ClientError.badRequest("field '" + field + "' must be a list of whole numbers, got " + v);
        }
        return IntStream.range(0, array.size()).mapToObj(i -> {
            Integer step = whole(field + "[" + i + "]", array.getValue(i));
            if (step == null) {
                throw ClientError.badRequest("field '" + field + "[" + i + "]' must be a whole number, got null");
            }
            return step;
        }).toList();
    }

    /** @throws ClientError 400 naming the field when a figure is outside [min, max] */
    public static void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw ClientError.badRequest("field '" + field + "' must be from " + min + " to " + max + ", got " + value);
        }
    }

    /** @throws ClientError 400 naming the field when a figure is outside [min, max] */
    public static void range(String field, BigDecimal value, String min, String max) {
        if (value != null && (value.compareTo(new BigDecimal(min)) < 0 || value.compareTo(new BigDecimal(max)) > 0)) {
            throw ClientError.badRequest("field '" + field + "' must be from " + min + " to " + max + ", got "
                    + value.toPlainString());
        }
    }

    /**
     * Checks steps of days: 1 to {@code maxSteps} of them, each in [min, max], strictly ascending.
     *
     * @return an unmodifiable copy, null for null
     * @throws ClientError 400 naming the field or the step
     */
    public static List<Integer> ascending(String field, List<Integer> steps, int maxSteps, int min, int max) {
        if (steps == null) {
            return null;
        }
        List<Integer> copy = List.copyOf(steps);
        if (copy.isEmpty() || copy.size() > maxSteps) {
            throw ClientError.badRequest("field '" + field + "' must hold 1 to " + maxSteps + " steps, got " + copy.size());
        }
        for (int i = 0; i < copy.size(); i++) {
            range(field + "[" + i + "]", copy.get(i), min, max);
            if (i > 0 && copy.get(i) <= copy.get(i - 1)) {
                throw ClientError.badRequest("field '" + field + "' must be strictly ascending, got " + copy);
            }
        }
        return copy;
    }

    /** Returns the number without trailing zeros, never in exponent form (20, not 2E+1; 0.5, not 0.50). */
    public static BigDecimal plain(BigDecimal value) {
        return new BigDecimal(value.stripTrailingZeros().toPlainString());
    }

    /** Returns the community's own figure, else the fallback. */
    public static <T> T or(T own, T fallback) {
        return own != null ? own : fallback;
    }

    private static Integer whole(String field, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0
                && Math.abs(n.doubleValue()) < 1e9) {
            return n.intValue();
        }
        throw ClientError.badRequest("field '" + field + "' must be a whole number, got " + v);
    }
}
