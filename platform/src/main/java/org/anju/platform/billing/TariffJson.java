package org.anju.platform.billing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.error.ClientError;
import org.anju.platform.charging.Tier;
import org.anju.platform.Json;

/**
 * Tariff values to and from JSON, the form of the API and of the {@code tariffs.body} column.
 * Reading is strict: every field the kind has, no other, whole numbers only; a problem is a 400
 * naming the field ({@code body.slots[12]}).
 */
public final class TariffJson {

    private TariffJson() {
    }

    /**
     * Reads a tariff of the kind.
     *
     * @throws ClientError 400 naming the field that is missing, unknown, not a whole number,
     *                     negative, or (slots, tiers) not a known tier
     */
    public static Tariff read(TariffKind kind, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ClientError.badRequest("body must be a JSON object with the fields of a " + kind.wireName() + " tariff");
        }
        return switch (kind) {
            case SPACE_RENT -> {
                only(body, "", Set.of("monthlyFen", "quarterlyFen", "yearlyFen"));
                Map<Term, Map<SpaceKind, Long>> fen = new EnumMap<>(Term.class);
                for (Term term : Term.values()) {
                    String name = term.wireName() + "Fen";
                    JsonNode byKind = object(body, name);
                    Set<String> kinds = Set.of("surface", "underground", "mechanical");
                    only(byKind, name + ".", kinds);
                    Map<SpaceKind, Long> prices = new EnumMap<>(SpaceKind.class);
                    for (SpaceKind space : SpaceKind.values()) {
                        prices.put(space, whole(byKind, name + ".", space.wireName()));
                    }
                    fen.put(term, prices);
                }
                yield new Tariff.SpaceRent(fen);
            }
            case VISITOR_PARKING -> {
                only(body, "", Set.of("freeMinutes", "hourlyFen", "dailyCapFen"));
                yield new Tariff.VisitorParking(count(body, "freeMinutes"), whole(body, "", "hourlyFen"),
                        whole(body, "", "dailyCapFen"));
            }
            case PROPERTY_FEE -> {
                only(body, "", Set.of("perSquareMetreMonthFen"));
                yield new Tariff.PropertyFee(whole(body, "", "perSquareMetreMonthFen"));
            }
            case EV_TOU -> evTimeOfUse(body);
            case PARCEL_OVERDUE -> {
                only(body, "", Set.of("freeHours", "periodHours", "feePerPeriodFen", "capFen"));
                yield new Tariff.ParcelOverdue(count(body, "freeHours"), count(body, "periodHours"),
                        whole(body, "", "feePerPeriodFen"), whole(body, "", "capFen"));
            }
            case LATE_FEE -> {
                only(body, "", Set.of("dailyRateBasisPoints", "capBasisPoints"));
                yield new Tariff.LateFee(count(body, "dailyRateBasisPoints"), count(body, "capBasisPoints"));
            }
        };
    }

    private static Tariff.EvTimeOfUse evTimeOfUse(JsonNode body) {
        only(body, "", Set.of("tiers", "slots"));
        JsonNode tiers = object(body, "tiers");
        Map<Tier, Tariff.TierRate> rates = new EnumMap<>(Tier.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = tiers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Tier tier = Tier.fromWireName(e.getKey()).orElseThrow(() -> ClientError.badRequest(
                    "body.tiers." + e.getKey() + " is not a tier (sharp, peak, flat, valley)"));
            String prefix = "tiers." + e.getKey() + ".";
            if (!e.getValue().isObject()) {
                throw ClientError.badRequest("body." + prefix + " must be an object");
            }
            only(e.getValue(), prefix, Set.of("electricityFen", "serviceFen"));
            rates.put(tier, new Tariff.TierRate(whole(e.getValue(), prefix, "electricityFen"),
                    whole(e.getValue(), prefix, "serviceFen")));
        }
        JsonNode slots = body.get("slots");
        if (slots == null || !slots.isArray()) {
            throw ClientError.badRequest("body.slots must be an array of " + Tariff.EvTimeOfUse.SLOTS + " tier names");
        }
        List<Tier> tierOfSlot = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            String name = slots.get(i).asText();
            int slot = i;
            tierOfSlot.add(Tier.fromWireName(name).filter(t -> slots.get(slot).isTextual()).orElseThrow(
                    () -> ClientError.badRequest("body.slots[" + slot + "] is not a tier (sharp, peak, flat, valley): "
                            + slots.get(slot))));
        }
        return new Tariff.EvTimeOfUse(rates, tierOfSlot);
    }

    /** Returns the tariff as JSON, the form {@link #read} reads. */
    public static ObjectNode write(Tariff tariff) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        switch (tariff) {
            case Tariff.SpaceRent r -> {
                for (Term term : Term.values()) {
                    ObjectNode byKind = json.putObject(term.wireName() + "Fen");
                    for (SpaceKind kind : SpaceKind.values()) {
                        byKind.put(kind.wireName(), r.periodFen(kind, term));
                    }
                }
            }
            case Tariff.VisitorParking v -> json.put("freeMinutes", v.freeMinutes()).put("hourlyFen", v.hourlyFen())
                    .put("dailyCapFen", v.dailyCapFen());
            case Tariff.PropertyFee p -> json.put("perSquareMetreMonthFen", p.perSquareMetreMonthFen());
            case Tariff.EvTimeOfUse ev -> {
                ObjectNode tiers = json.putObject("tiers");
                for (Tier tier : Tier.values()) {
                    Tariff.TierRate rate = ev.tiers().get(tier);
                    tiers.putObject(tier.wireName()).put("electricityFen", rate.electricityFen())
                            .put("serviceFen", rate.serviceFen());
                }
                ArrayNode slots = json.putArray("slots");
                ev.slots().forEach(t -> slots.add(t.wireName()));
            }
            case Tariff.ParcelOverdue p -> json.put("freeHours", p.freeHours()).put("periodHours", p.periodHours())
                    .put("feePerPeriodFen", p.feePerPeriodFen()).put("capFen", p.capFen());
            case Tariff.LateFee l -> json.put("dailyRateBasisPoints", l.dailyRateBasisPoints())
                    .put("capBasisPoints", l.capBasisPoints());
        }
        return json;
    }

    private static void only(JsonNode object, String prefix, Set<String> fields) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.contains(name)) {
                throw ClientError.badRequest("body." + prefix + name + " is not a field of this tariff; expected "
                        + String.join(", ", new java.util.TreeSet<>(fields)));
            }
        }
    }

    private static JsonNode object(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isObject()) {
            throw ClientError.badRequest("body." + name + " must be an object");
        }
        return value;
    }

    private static long whole(JsonNode parent, String prefix, String name) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw ClientError.badRequest("body." + prefix + name + " must be a whole, non-negative number"
                    + (value == null ? "" : ", was " + value));
        }
        return value.longValue();
    }

    private static int count(JsonNode parent, String name) {
        long value = whole(parent, "", name);
        if (value > Integer.MAX_VALUE) {
            throw ClientError.badRequest("body." + name + " is too large: " + value);
        }
        return (int) value;
    }
}
