package org.anju.platform.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.platform.api.AccessWorld.Caller;
import org.anju.platform.testing.ApiCalls;

/**
 * The work-order targets of the role matrix, made the way they are made in use: an elevator
 * publishes faults, the rules open alerts, the alerts open work orders; the platform admin adds
 * maintainer companies, puts the contractor {@code cora} in one, assigns the orders and cancels them
 * (so that every authorized action is the settled 409).
 */
final class WorkOrderTargets {

    static final String MISSING_ID = "999999999";
    static final String CORA_COMPANY = "Cora Lifts";

    private final AccessWorld world;
    private final ApiCalls api;
    private final String root;

    private WorkOrderTargets(AccessWorld world) {
        this.world = world;
        this.api = new ApiCalls(world.running());
        this.root = world.token(Caller.PLATFORM_ADMIN);
    }

    /** Makes the records and returns the named targets. */
    static Map<String, Map<String, String>> build(AccessWorld world) throws Exception {
        return new WorkOrderTargets(world).targets();
    }

    /** Makes the contractor's company in tenant acme and puts {@code cora} in it; returns its id. */
    static String coraCompany(ApiCalls api, String root) throws Exception {
        String id = company(api, root, AccessWorld.PLACES.get("own").tenantId(), CORA_COMPANY);
        api.put("/api/v1/maintainer-companies/" + id + "/staff/" + Caller.CONTRACTOR.username, root, "{}", 200);
        return id;
    }

    private Map<String, Map<String, String>> targets() throws Exception {
        String cora = coraCompany(api, root);
        String acmeOther = company(api, root, AccessWorld.PLACES.get("own").tenantId(), "Acme Other Lifts");
        String birch = company(api, root, AccessWorld.OTHER_TENANT, "Birch Lifts");
        String own = settledOrder("own", "04", cora);
        String ownOther = settledOrder("own", "13", acmeOther);
        String other = settledOrder("other", "04", birch);
        String contractor = Caller.CONTRACTOR.username;
        Map<String, Map<String, String>> named = new HashMap<>();
        named.put("own-work-order", Map.of("orderId", own, "companyId", cora));
        named.put("own-work-order-other-company", Map.of("orderId", ownOther, "companyId", acmeOther));
        named.put("other-work-order", Map.of("orderId", other, "companyId", birch));
        named.put("missing-work-order", Map.of("orderId", MISSING_ID, "companyId", cora));
        named.put("own-company", Map.of("tenantId", AccessWorld.PLACES.get("own").tenantId(), "companyName", CORA_COMPANY));
        named.put("other-company", Map.of("tenantId", AccessWorld.OTHER_TENANT, "companyName", "Birch Lifts"));
        named.put("own-company-staff", Map.of("companyId", cora, "username", contractor));
        named.put("other-company-staff", Map.of("companyId", birch, "username", contractor));
        named.put("missing-company", Map.of("companyId", MISSING_ID, "username", contractor));
        return named;
    }

    private static String company(ApiCalls api, String root, String tenant, String name) throws Exception {
        return api.post("/api/v1/tenants/" + tenant + "/maintainer-companies", root, "{\"name\": \"" + name + "\"}", 201)
                .get("id").asText();
    }

    /** Publishes an elevator fault of the place, waits for its order, assigns it to the company and cancels it. */
    private String settledOrder(String where, String code, String companyId) throws Exception {
        AccessWorld.Place place = AccessWorld.PLACES.get(where);
        world.publishEvent(place.device("lift"), "{\"kind\": \"fault\", \"code\": \"" + code + "\"}");
        String path = "/api/v1/communities/" + place.communityId() + "/work-orders?deviceId=" + place.device("lift");
        JsonNode order = await().atMost(Duration.ofSeconds(60)).until(() -> find(path, code), Optional::isPresent)
                .orElseThrow();
        String id = order.get("id").asText();
        api.post("/api/v1/work-orders/" + id + "/assign", root, "{\"companyId\": " + companyId + "}", 200);
        api.post("/api/v1/work-orders/" + id + "/cancel", root, "{\"reason\": \"role matrix target\"}", 200);
        return id;
    }

    private Optional<JsonNode> find(String path, String code) throws Exception {
        for (JsonNode item : api.get(path, root, 200).get("items")) {
            if (item.get("title").asText().contains("elevator_fault." + code)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
