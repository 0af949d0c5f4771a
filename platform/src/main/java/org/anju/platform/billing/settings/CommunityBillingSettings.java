package org.anju.platform.billing.settings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;

/**
 * The per-community billing figures of issue 12 that {@code DOMAIN.md} marks configurable and that
 * are not tariffs (prices, late fees and the visitor and parcel fees are tariffs with effective
 * dates, per community already). A null component means "the platform default"
 * ({@code anju-defaults.yaml}); {@link #over(CommunityBillingSettings)} fills them in.
 *
 * @param invoiceDueDays             days from issue to an invoice's due date (0–365)
 * @param commonAreaFundSharePercent share of common-area space rent allocated to the maintenance fund (0–100)
 * @param nonOwnerLeaseMaxMonths     the longest lease of a space to a non-owner (1–120 months)
 * @param reminderDaysPastDue        days past the due date on which an overdue invoice is reminded
 *                                   (1–10 steps, ascending, each 1–3650)
 * @param plateMinConfidence         plate reads below it go to the parking review queue (0–1)
 */
public record CommunityBillingSettings(Integer invoiceDueDays, Integer commonAreaFundSharePercent,
        Integer nonOwnerLeaseMaxMonths, List<Integer> reminderDaysPastDue, BigDecimal plateMinConfidence) {

    /** No figure of the community's own. */
    public static final CommunityBillingSettings NONE = new CommunityBillingSettings(null, null, null, null, null);

    private static final Set<String> FIELDS = Set.of("invoiceDueDays", "commonAreaFundSharePercent",
            "nonOwnerLeaseMaxMonths", "reminderDaysPastDue", "plateMinConfidence");

    /** @throws ClientError 400 naming the field of a figure out of range */
    public CommunityBillingSettings {
        range("invoiceDueDays", invoiceDueDays, 0, 365);
        range("commonAreaFundSharePercent", commonAreaFundSharePercent, 0, 100);
        range("nonOwnerLeaseMaxMonths", nonOwnerLeaseMaxMonths, 1, 120);
        if (reminderDaysPastDue != null) {
            reminderDaysPastDue = List.copyOf(reminderDaysPastDue);
            if (reminderDaysPastDue.isEmpty() || reminderDaysPastDue.size() > 10) {
                throw ClientError.badRequest("field 'reminderDaysPastDue' must hold 1 to 10 steps, got "
                        + reminderDaysPastDue.size());
            }
            for (int i = 0; i < reminderDaysPastDue.size(); i++) {
                range("reminderDaysPastDue[" + i + "]", reminderDaysPastDue.get(i), 1, 3650);
                if (i > 0 && reminderDaysPastDue.get(i) <= reminderDaysPastDue.get(i - 1)) {
                    throw ClientError.badRequest("field 'reminderDaysPastDue' must be ascending, got "
                            + reminderDaysPastDue);
                }
            }
        }
        if (plateMinConfidence != null && (plateMinConfidence.signum() < 0 || plateMinConfidence.compareTo(BigDecimal.ONE) > 0
                || plateMinConfidence.scale() > 3)) {
            throw ClientError.badRequest("field 'plateMinConfidence' must be from 0 to 1 with at most 3 decimals, got "
                    + plateMinConfidence.toPlainString());
        }
    }

    /** Returns these figures, each missing one taken from {@code defaults}. */
    public CommunityBillingSettings over(CommunityBillingSettings defaults) {
        return new CommunityBillingSettings(or(invoiceDueDays, defaults.invoiceDueDays),
                or(commonAreaFundSharePercent, defaults.commonAreaFundSharePercent),
                or(nonOwnerLeaseMaxMonths, defaults.nonOwnerLeaseMaxMonths),
                or(reminderDaysPastDue, defaults.reminderDaysPastDue), or(plateMinConfidence, defaults.plateMinConfidence));
    }

    /**
     * Returns the figures of a request body: each field given replaces the community's figure, a
     * field given as null returns it to the default, a field left out keeps {@code current}.
     *
     * @throws ClientError 400 naming an unknown field, a figure of the wrong type or out of range
     */
    public static CommunityBillingSettings fromJson(JsonObject body, CommunityBillingSettings current) {
        for (String name : body.fieldNames()) {
            if (!FIELDS.contains(name)) {
                throw ClientError.badRequest("field '" + name + "' is not a billing setting; known: " + FIELDS.stream()
                        .sorted().toList());
            }
        }
        Map<String, Object> m = body.getMap();
        return new CommunityBillingSettings(
                m.containsKey("invoiceDueDays") ? whole(body, "invoiceDueDays") : current.invoiceDueDays,
                m.containsKey("commonAreaFundSharePercent") ? whole(body, "commonAreaFundSharePercent")
                        : current.commonAreaFundSharePercent,
                m.containsKey("nonOwnerLeaseMaxMonths") ? whole(body, "nonOwnerLeaseMaxMonths")
                        : current.nonOwnerLeaseMaxMonths,
                m.containsKey("reminderDaysPastDue") ? steps(body) : current.reminderDaysPastDue,
                m.containsKey("plateMinConfidence") ? decimal(body, "plateMinConfidence") : current.plateMinConfidence);
    }

    private static Integer whole(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0
                && Math.abs(n.doubleValue()) < 1e9) {
            return n.intValue();
        }
        throw ClientError.badRequest("field '" + field + "' must be a whole number, got " + v);
    }

    private static List<Integer> steps(JsonObject body) {
        Object v = body.getValue("reminderDaysPastDue");
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray array)) {
            throw ClientError.badRequest("field 'reminderDaysPastDue' must be a list of whole numbers, got " + v);
        }
        JsonObject each = new JsonObject();
        return java.util.stream.IntStream.range(0, array.size()).mapToObj(i -> {
            each.put("reminderDaysPastDue[" + i + "]", array.getValue(i));
            Integer step = whole(each, "reminderDaysPastDue[" + i + "]");
            if (step == null) {
                throw ClientError.badRequest("field 'reminderDaysPastDue[" + i + "]' must be a whole number, got null");
            }
            return step;
        }).toList();
    }

    private static BigDecimal decimal(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        throw ClientError.badRequest("field '" + field + "' must be a number, got " + v);
    }

    private static void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw ClientError.badRequest("field '" + field + "' must be from " + min + " to " + max + ", got " + value);
        }
    }

    private static <T> T or(T own, T fallback) {
        return own != null ? own : fallback;
    }
}
