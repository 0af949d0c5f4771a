package org.anju.simulator.scenario;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.simulator.community.PlatformApi;

/**
 * What the scenario checker asks the platform's HTTP API: stored device events
 * ({@code GET /api/v1/communities/{id}/events}), devices online or not
 * ({@code GET /api/v1/communities/{id}/devices}), alerts ({@code GET /api/v1/alerts}, see
 * docs/scenarios.md for the query it sends), maintenance forecasts and work orders.
 */
public final class PlatformObservations {

    private final PlatformApi api;

    public PlatformObservations(PlatformApi api) {
        this.api = api;
    }

    /** Something that happened on a device, at the device's or the platform's time. */
    public record Seen(String deviceId, Instant at, String severity) {
    }

    /**
     * Returns the community's events of this kind at or after {@code since} and before {@code until},
     * newest first (at most 1000).
     */
    public List<Seen> events(String communityId, String kind, Instant since, Instant until)
            throws IOException, InterruptedException {
        PlatformApi.Answer answer = api.get("/api/v1/communities/" + PlatformApi.encode(communityId) + "/events?kind="
                + PlatformApi.encode(kind) + "&from=" + PlatformApi.encode(since.toString()) + "&to="
                + PlatformApi.encode(until.toString()) + "&limit=1000");
        require(answer, "events of " + communityId);
        List<Seen> seen = new ArrayList<>();
        for (JsonNode e : answer.body().path("events")) {
            seen.add(new Seen(e.path("deviceId").asText(), Instant.parse(e.path("ts").asText()), null));
        }
        return seen;
    }

    /** Returns whether each device of the community is shown online, reading every page of the list. */
    public Map<String, Boolean> online(String communityId) throws IOException, InterruptedException {
        String path = "/api/v1/communities/" + PlatformApi.encode(communityId) + "/devices";
        Map<String, Boolean> online = new HashMap<>();
        String cursor = null;
        do {
            PlatformApi.Answer answer = api.get(cursor == null ? path : path + "?cursor=" + PlatformApi.encode(cursor));
            require(answer, "devices of " + communityId);
            for (JsonNode d : answer.body().path("devices")) {
                online.put(d.path("id").asText(), d.path("online").asBoolean());
            }
            JsonNode next = answer.body().path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        return online;
    }

    /**
     * Alerts seen, or why they cannot be checked.
     *
     * @param notCheckable null when {@code seen} is the answer
     */
    public record Alerts(List<Seen> seen, String notCheckable) {
    }

    /**
     * Returns the community's alerts of this type (or a dotted sub-type) opened at or after
     * {@code since}; not checkable when the platform has no alerts API (404) or does not take the
     * query (400), with the platform's words.
     */
    public Alerts alerts(String communityId, String type, Instant since) throws IOException, InterruptedException {
        // newest first, filtered by community and type (and the types below it); one page of the
        // most recent 500 covers a scenario's window
        PlatformApi.Answer answer = api.get("/api/v1/alerts?community=" + PlatformApi.encode(communityId)
                + "&type=" + PlatformApi.encode(type) + "&limit=500");
        if (answer.status() == 404) {
            return new Alerts(List.of(), "the platform has no alerts API (GET /api/v1/alerts answered 404)");
        }
        if (answer.status() == 400) {
            return new Alerts(List.of(), "the platform does not take the alerts query: " + answer.errorMessage());
        }
        require(answer, "alerts of " + communityId);
        JsonNode items = answer.body().has("items") ? answer.body().path("items") : answer.body().path("alerts");
        List<Seen> seen = new ArrayList<>();
        for (JsonNode a : items) {
            String alertType = a.path("type").asText();
            // charger_fault matches charger_fault.1.ground_failure: types are dotted, most general first
            if (!alertType.equals(type) && !alertType.startsWith(type + ".")) {
                continue;
            }
            String at = a.path("openedAt").asText(a.path("firstSeen").asText(""));
            if (!at.isEmpty() && Instant.parse(at).isBefore(since)) {
                continue;
            }
            seen.add(new Seen(a.path("deviceId").asText(), at.isEmpty() ? null : Instant.parse(at),
                    a.path("severity").asText(null)));
        }
        return new Alerts(seen, null);
    }

    /**
     * Returns the community's due maintenance forecasts of this subject, stamped when they were
     * raised ({@code GET /api/v1/communities/{id}/maintenance/forecasts?outcome=due}: a forecast
     * beyond the horizon was never raised); not checkable on a platform without that API (404).
     */
    public Alerts forecasts(String communityId, String subject) throws IOException, InterruptedException {
        return listed("/api/v1/communities/" + PlatformApi.encode(communityId) + "/maintenance/forecasts?subject="
                + PlatformApi.encode(subject) + "&outcome=due&limit=500", "forecasts", "subject", subject, "raisedAt");
    }

    /**
     * Returns the community's work orders from this source, stamped when they were opened
     * ({@code GET /api/v1/communities/{id}/work-orders}, newest first); not checkable on a platform
     * without that API (404).
     */
    public Alerts workOrders(String communityId, String source) throws IOException, InterruptedException {
        return listed("/api/v1/communities/" + PlatformApi.encode(communityId) + "/work-orders?limit=500",
                "work orders", "source", source, "openedAt");
    }

    /** Reads a list answer ({@code items}) and keeps the items whose {@code field} is {@code value}. */
    private Alerts listed(String path, String what, String field, String value, String stamp)
            throws IOException, InterruptedException {
        PlatformApi.Answer answer = api.get(path);
        if (answer.status() == 404) {
            return new Alerts(List.of(), "the platform has no " + what + " API (GET " + path.replaceAll("\\?.*", "")
                    + " answered 404)");
        }
        require(answer, what);
        List<Seen> seen = new ArrayList<>();
        for (JsonNode item : answer.body().path("items")) {
            if (value.equals(item.path(field).asText())) {
                String at = item.path(stamp).asText("");
                seen.add(new Seen(item.path("deviceId").asText(), at.isEmpty() ? null : Instant.parse(at), null));
            }
        }
        return new Alerts(seen, null);
    }

    private static void require(PlatformApi.Answer answer, String what) throws IOException {
        if (!answer.ok()) {
            throw new IOException("the platform refused to show the " + what + ": " + answer.errorMessage());
        }
    }
}
