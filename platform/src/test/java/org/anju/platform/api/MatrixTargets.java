package org.anju.platform.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.platform.api.AccessWorld.Caller;
import org.anju.platform.api.AccessWorld.Place;
import org.anju.platform.testing.ApiCalls;

/**
 * The targets of the role matrix: the records every row's placeholders point at, made the way
 * they are made in use (devices publish over MQTT, the rules raise alerts, storms, fire cases and
 * rescues, an administrator settles them through the API), in each community of the
 * {@link AccessWorld}.
 */
final class MatrixTargets {

    private static final String MISSING_ID = "999999999";
    private static final String HOOK = "http://127.0.0.1:9/hook";

    private final AccessWorld world;
    private final ApiCalls api;
    private final String root;
    private final Map<String, Map<String, String>> named = new HashMap<>();

    private MatrixTargets(AccessWorld world) {
        this.world = world;
        this.api = new ApiCalls(world.running());
        this.root = world.token(Caller.PLATFORM_ADMIN);
    }

    /** Makes the records of every community and settles them. */
    static MatrixTargets build(AccessWorld world) throws Exception {
        MatrixTargets targets = new MatrixTargets(world);
        for (Map.Entry<String, Place> place : AccessWorld.PLACES.entrySet()) {
            targets.records(place.getKey(), place.getValue());
        }
        for (String where : new String[] {"own", "other"}) {
            Place place = AccessWorld.PLACES.get(where);
            targets.named.put(where + "-tenant", Map.of("tenantId", place.tenantId(), "tenantName", place.tenantName()));
        }
        targets.named.put("missing", Map.of("communityId", "no-such-community", "tenantId", "acme"));
        targets.named.put("missing-device", Map.of("deviceId", "no-such-device"));
        for (String kind : new String[] {"alert", "incident", "fire-case", "rescue", "sub", "motion", "household", "invoice", "payment"}) {
            Map<String, String> missing = new HashMap<>(Map.of("deliveryId", MISSING_ID, "householdId", MISSING_ID));
            missing.put(idName(kind), MISSING_ID);
            targets.named.put("missing-" + kind, missing);
        }
        targets.named.put("platform-sub", targets.subscription(null));
        targets.households();
        targets.named.putAll(WorkOrderTargets.build(world));
        return targets;
    }

    /**
     * Returns the values of a target's placeholders, with {@code weekAgo}, which every call has: a
     * named target's, or a literal one's ({@code key=value[,key=value]}).
     */
    Map<String, String> values(String target) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("weekAgo", Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        if (target.startsWith("new-") && target.endsWith("-sub")) {
            // a subscription of its own for each call, because the call deletes it
            values.putAll(subscription(AccessWorld.PLACES.get(target.substring(4, target.length() - 4))));
        } else if (target.contains("=")) {
            // a literal target: key=value[,key=value], for a route whose parameters need no record made
            for (String pair : target.split(",")) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0], kv[1]);
            }
        } else if (!target.equals("-")) {
            Map<String, String> known = named.get(target);
            if (known == null) {
                throw new IllegalStateException("role-matrix.txt names an unknown target '" + target + "'");
            }
            values.putAll(known);
        }
        return values;
    }

    private void records(String where, Place place) throws Exception {
        named.put(where, Map.of("communityId", place.communityId(), "tenantId", place.tenantId(),
                "tenantName", place.tenantName(), "communityName", place.name(), "communityAddress", place.address()));
        for (String kind : new String[] {"camera", "locker", "detector"}) {
            named.put(where + "-" + kind, Map.of("deviceId", place.device(kind)));
        }
        // no "ts": the rules group a storm by when alerts open, now
        for (String camera : new String[] {"camera", "camera-2"}) {
            world.publishEvent(place.device(camera), "{\"kind\": \"tamper\", \"priority\": 1, \"channel\": 1}");
        }
        for (String detector : new String[] {"detector", "detector-2"}) {
            world.publishEvent(place.device(detector), "{\"kind\": \"alarm\", \"smokeConcentration\": 6.2}");
        }
        world.publishEvent(place.device("lift"), "{\"kind\": \"entrapment\", \"floor\": 3, \"doorZone\": false}");
        String community = "community=" + place.communityId();
        JsonNode alert = awaitItem("/api/v1/alerts?type=camera_tamper&deviceId=" + place.device("camera"), a -> true);
        JsonNode fireAlert = awaitItem("/api/v1/alerts?type=fire_alarm&deviceId=" + place.device("detector"), a -> true);
        JsonNode incident = awaitItem("/api/v1/incidents?" + community, i -> i.get("type").asText().equals("camera_tamper"));
        JsonNode fireIncident = awaitItem("/api/v1/incidents?" + community, i -> i.get("fire").asBoolean());
        JsonNode fireCase = awaitItem("/api/v1/fire-cases?" + community,
                c -> c.get("deviceId").asText().equals(place.device("detector")));
        JsonNode rescue = awaitItem("/api/v1/rescues?" + community, r -> true);

        api.post("/api/v1/alerts/" + alert.get("id").asLong() + "/resolve", root, "{}", 200);
        for (String state : new String[] {"acknowledged", "test", "closed"}) {
            api.post("/api/v1/fire-cases/" + fireCase.get("id").asLong() + "/transitions", root,
                    "{\"to\": \"" + state + "\"}", 200);
        }
        for (String step : new String[] {"dispatched", "arrived", "released"}) {
            api.post("/api/v1/rescues/" + rescue.get("id").asLong() + "/steps", root, "{\"step\": \"" + step + "\"}", 200);
        }
        named.put(where + "-alert", Map.of("alertId", alert.get("id").asText()));
        named.put(where + "-fire-alert", Map.of("alertId", fireAlert.get("id").asText()));
        named.put(where + "-incident", Map.of("incidentId", incident.get("id").asText()));
        named.put(where + "-fire-incident", Map.of("incidentId", fireIncident.get("id").asText()));
        named.put(where + "-fire-case", Map.of("caseId", fireCase.get("id").asText()));
        named.put(where + "-rescue", Map.of("rescueId", rescue.get("id").asText()));
        named.put(where + "-sub", subscription(place));
        motion(where, place);
    }

    /**
     * Makes two households of the place (in the own community the resident owns the first) and an
     * open motion on which the first household has voted (cast as the resident: the resident's
     * own call is then the settled answer 409): {@code <place>-motion} points at the
     * motion and that household, {@code <place>-motion-other-household} at the motion and the second.
     */
    private void motion(String where, Place place) throws Exception {
        List<String> households = world.running().sqlRows("""
                INSERT INTO households (community_id, building_id, floor, number, private_area_m2)
                VALUES ('%1$s', '%2$s-b1', 1, '101', 88.50), ('%1$s', '%2$s-b1', 1, '102', 60.00) RETURNING id"""
                .formatted(place.communityId(), place.prefix()));
        String voter = Caller.RESIDENT.username;
        if (where.equals("own")) {
            world.running().sql("INSERT INTO household_members (household_id, username, relation, since) VALUES (%s, "
                    .formatted(households.get(0)) + "'" + voter + "', 'owner', '2020-01-01')");
        }
        String motion = api.post("/api/v1/communities/" + place.communityId() + "/motions", root,
                "{\"kind\": \"fund_use\", \"title\": \"Matrix motion\", \"votingDays\": 7}", 201).get("id").asText();
        api.post("/api/v1/motions/" + motion + "/open", root, "{}", 200);
        world.running().sql("INSERT INTO ballots (motion_id, household_id, choice, cast_by, cast_at) VALUES (%s, %s, "
                .formatted(motion, households.get(0)) + "'yes', '" + voter + "', now())");
        named.put(where + "-motion", Map.of("motionId", motion, "householdId", households.get(0),
                "communityId", place.communityId()));
        named.put(where + "-motion-other-household", Map.of("motionId", motion, "householdId", households.get(1)));
        named.put(where + "-fund-household", Map.of("householdId", households.get(0), "communityId", place.communityId()));
        named.put(where + "-fund-household-2", Map.of("householdId", households.get(1), "communityId", place.communityId()));
    }

    /**
     * Provisions households as the platform admin: in the own community one whose owner is the
     * resident caller and another, and one of the sibling community.
     */
    private void households() throws Exception {
        String resident = Caller.RESIDENT.username;
        JsonNode own = api.post(estate("own"), root, """
                {"households": [
                  {"buildingId": "elm-b1", "floor": 3, "number": "matrix-301", "privateAreaM2": 88.5,
                   "residents": [{"username": "%s", "relation": "owner", "since": "2020-01-01"}]},
                  {"buildingId": "elm-b1", "floor": 3, "number": "matrix-302", "privateAreaM2": 91}]}"""
                .formatted(resident), 200);
        JsonNode sibling = api.post(estate("sibling"), root, """
                {"households": [{"buildingId": "oak-b1", "floor": 1, "number": "matrix-101", "privateAreaM2": 60}]}""",
                200);
        // own-household is also the fund's (a household of the resident in elm-court), so it names its
        // community; other-household stays the other place's, as records() made it
        named.put("own-household", Map.of("householdId", own.get("items").get(0).get("id").asText(),
                "communityId", AccessWorld.PLACES.get("own").communityId()));
        named.put("neighbour-household", Map.of("householdId", own.get("items").get(2).get("id").asText()));
        named.put("sibling-household", Map.of("householdId", sibling.get("items").get(0).get("id").asText()));
        named.put("missing-household", Map.of("householdId", MISSING_ID));
        for (String where : new String[] {"own", "neighbour", "sibling"}) {
            named.put(where + "-invoice", Map.of("invoiceId", invoice(where + "-household",
                    AccessWorld.PLACES.get(where.equals("sibling") ? "sibling" : "own").communityId())));
            named.put(where + "-payment", Map.of("orderId", order(where + "-invoice")));
        }
    }

    /** Issues an invoice of the named household (as a billing run would) and returns its id. */
    private String invoice(String household, String community) throws Exception {
        return world.running().sqlRows("""
                INSERT INTO invoices (community_id, household_id, period, total_fen, due_on)
                VALUES ('%s', %s, '2026-01-01', 12345, '2026-01-16') RETURNING id"""
                .formatted(community, named.get(household).get("householdId"))).get(0);
    }

    /** Creates a sandbox payment order of the named invoice, not paid (a refund or receipt of it is the settled 409). */
    private String order(String invoice) throws Exception {
        return world.running().sqlRows("""
                INSERT INTO payment_orders (community_id, household_id, invoice_id, provider, amount_fen, created_by)
                SELECT community_id, household_id, id, 'sandbox', total_fen, 'matrix' FROM invoices WHERE id = %s
                RETURNING id""".formatted(named.get(invoice).get("invoiceId"))).get(0);
    }

    private static String estate(String where) {
        Place place = AccessWorld.PLACES.get(where);
        return "/api/v1/provisioning/tenants/" + place.tenantId() + "/communities/" + place.communityId() + "/estate";
    }

    /** Creates a subscription of the place (platform-wide for null) with a pending delivery due tomorrow. */
    private Map<String, String> subscription(Place place) throws Exception {
        String scope = place == null ? ""
                : ", \"tenantId\": \"" + place.tenantId() + "\", \"communityIds\": [\"" + place.communityId() + "\"]";
        String id = api.post("/api/v1/webhooks/subscriptions", root, "{\"name\": \"matrix target\", \"url\": \"" + HOOK
                + "\", \"topics\": [\"matrix.never\"]" + scope + "}", 201).get("id").asText();
        String delivery = world.running().sqlRows("""
                INSERT INTO webhook_deliveries (subscription_id, notification_id, next_attempt_at, created_at)
                VALUES (%s, (SELECT max(id) FROM notifications), now() + interval '1 day', now()) RETURNING id"""
                .formatted(id)).get(0);
        return Map.of("subscriptionId", id, "deliveryId", delivery);
    }

    /** Waits for the first item of a list answer that matches, as the platform admin sees it. */
    private JsonNode awaitItem(String path, Predicate<JsonNode> match) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> first(path, match), Optional::isPresent).orElseThrow();
    }

    private Optional<JsonNode> first(String path, Predicate<JsonNode> match) throws Exception {
        for (JsonNode item : api.get(path, root, 200).get("items")) {
            if (match.test(item)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static String idName(String kind) {
        return switch (kind) {
            case "alert" -> "alertId";
            case "incident" -> "incidentId";
            case "fire-case" -> "caseId";
            case "rescue" -> "rescueId";
            case "motion" -> "motionId";
            case "household" -> "householdId";
            case "invoice" -> "invoiceId";
            case "payment" -> "orderId";
            default -> "subscriptionId";
        };
    }
}
