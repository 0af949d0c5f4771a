package org.anju.platform.maintenance.plans;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.error.ClientError;
import org.anju.platform.Json;

/** Plans in the API: reads a requested plan (the kind's defaults fill what is left out) and writes a stored one. */
public final class PlanJson {

    /** Occurrences a plan shows ahead. */
    static final int OCCURRENCES = 3;

    private PlanJson() {
    }

    /** Reads the kind of a plan request. */
    public static PlanKind kind(JsonNode request) {
        String name = request.path("kind").asText("");
        return PlanKind.fromWireName(name).orElseThrow(() -> ClientError.badRequest("kind must be one of "
                + Arrays.stream(PlanKind.values()).map(PlanKind::wireName).toList() + ", not '" + name + "'"));
    }

    /** Reads a plan of {@code kind}; what it leaves out is the kind's default (or, for a change, the plan's). */
    public static PlanSpec read(JsonNode request, PlanKind kind, PlanSpec base) {
        LocalDate start = AssetJson.date(request, "plan", "startOn");
        return new PlanSpec(kind, integer(request, "every", base.every()), start == null ? base.startOn() : start,
                integer(request, "leadDays", base.leadDays()), checklist(request, base.checklist()),
                integer(request, "minCrew", base.minCrew()));
    }

    /** Writes a plan with its next occurrences. */
    public static ObjectNode write(Plan p, Asset asset) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", p.id()).put("communityId", p.communityId())
                .put("deviceId", p.deviceId()).put("kind", p.kind().wireName()).put("every", p.every())
                .put("unit", p.kind().unit().wireName()).put("rule", p.kind().rule())
                .put("startOn", p.startOn().toString()).put("leadDays", p.leadDays()).put("minCrew", p.minCrew());
        p.checklist().forEach(json.putArray("checklist")::add);
        json.put("lastDoneOn", AssetJson.string(p.lastDoneOn())).put("openedDueOn", AssetJson.string(p.openedDueOn()));
        List<LocalDate> next = PlanRules.occurrences(p, asset, OCCURRENCES);
        json.put("nextDueOn", next.isEmpty() ? null : next.getFirst().toString());
        next.forEach(d -> json.withArray("occurrences").add(d.toString()));
        return json;
    }

    private static int integer(JsonNode request, String name, int otherwise) {
        JsonNode v = request.get(name);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw ClientError.badRequest(name + " must be a whole number");
        }
        return v.asInt();
    }

    private static List<String> checklist(JsonNode request, List<String> otherwise) {
        JsonNode v = request.get("checklist");
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isArray()) {
            throw ClientError.badRequest("checklist must be a list of item codes");
        }
        List<String> items = new ArrayList<>();
        v.forEach(item -> items.add(item.asText()));
        return items;
    }
}
