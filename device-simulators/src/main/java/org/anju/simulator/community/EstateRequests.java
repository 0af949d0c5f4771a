package org.anju.simulator.community;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.simulator.Json;

/**
 * The bodies of the platform's estate provisioning route
 * ({@code POST /api/v1/provisioning/tenants/{t}/communities/{c}/estate}, docs/billing.md "People
 * and places") for an {@link EstateLayout.Estate}: households in chunks, then the car park and the
 * spaces, whose owners the earlier requests stored.
 */
final class EstateRequests {

    /** Households per request: well inside the platform's 5,000 items and 4 MiB. */
    static final int HOUSEHOLDS_PER_REQUEST = 1_000;

    private EstateRequests() {
    }

    /** Returns the request bodies, in the order they must be sent. */
    static List<String> bodies(EstateLayout.Estate estate) {
        List<String> bodies = new ArrayList<>();
        List<EstateLayout.Household> households = estate.households();
        for (int from = 0; from < households.size(); from += HOUSEHOLDS_PER_REQUEST) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode list = body.putArray("households");
            households.subList(from, Math.min(households.size(), from + HOUSEHOLDS_PER_REQUEST))
                    .forEach(h -> list.add(household(h)));
            bodies.add(body.toString());
        }
        for (int from = 0; from < estate.spaces().size(); from += HOUSEHOLDS_PER_REQUEST) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (from == 0 && !estate.gates().isEmpty()) {
                ObjectNode park = body.putArray("carParks").addObject().put("name", EstateLayout.CAR_PARK);
                estate.gates().forEach(park.putArray("gateCameraIds")::add);
            }
            ArrayNode spaces = body.putArray("parkingSpaces");
            estate.spaces().subList(from, Math.min(estate.spaces().size(), from + HOUSEHOLDS_PER_REQUEST))
                    .forEach(s -> spaces.add(space(s, !estate.gates().isEmpty())));
            bodies.add(body.toString());
        }
        return bodies;
    }

    private static ObjectNode household(EstateLayout.Household h) {
        ObjectNode json = place(h).put("floor", h.floor()).put("privateAreaM2", EstateLayout.areaM2(h));
        ArrayNode residents = json.putArray("residents");
        for (EstateLayout.Resident r : h.residents()) {
            residents.addObject().put("username", r.username()).put("displayName", r.displayName())
                    .put("relation", r.owner() ? "owner" : "tenant").put("since", EstateLayout.SINCE);
        }
        h.plates().forEach(json.putArray("vehicles")::add);
        h.idTags().forEach(json.putArray("idTags")::add);
        return json;
    }

    private static ObjectNode place(EstateLayout.Household h) {
        return Json.MAPPER.createObjectNode().put("buildingId", h.buildingId()).put("unit", h.unit())
                .put("number", h.number());
    }

    private static ObjectNode space(EstateLayout.Space s, boolean carPark) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("number", s.number()).put("kind", s.kind())
                .put("ownership", s.ownership());
        if (s.owner() != null) {
            json.set("owner", place(s.owner()));
        }
        if (s.charger() != null) {
            json.put("chargerDeviceId", s.charger());
        }
        if (carPark) {
            json.put("carPark", EstateLayout.CAR_PARK);
        }
        return json;
    }
}
