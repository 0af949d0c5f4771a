package org.anju.system.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The maintenance side of {@link AcceleratedHistoryIT}, all through the HTTP API: a property
 * administrator provisions the assets and the elevators' half-monthly plans, reads the usage
 * counters and the work orders, and a technician carries out a plan's order to its verification.
 */
final class HistoryMaintenance {

    static final String BASE = "/api/v1/communities/" + Fixtures.COMMUNITY;
    /** The property administrator's (pam's) password. */
    static final String PASSWORD = "pam-password-1";

    private final RunningPlatform running;
    private final ApiCalls api;
    private final String admin;
    private final String technician;

    private HistoryMaintenance(RunningPlatform running, String admin, String technician) {
        this.running = running;
        this.api = new ApiCalls(running);
        this.admin = admin;
        this.technician = technician;
    }

    /** Adds a property administrator and a technician of the community and logs both in. */
    static HistoryMaintenance logIn(RunningPlatform running) throws IOException, InterruptedException {
        running.fixtures().propertyUser("pam", PASSWORD, "property_admin")
                .propertyUser("tina", "tina-password-1", "technician");
        return new HistoryMaintenance(running, running.login("pam", PASSWORD),
                running.login("tina", "tina-password-1"));
    }

    /**
     * Provisions every device as an asset and a half-monthly plan, starting today, on each elevator,
     * then dates the assets' counters back to {@code since}: the platform's clock is the real one,
     * and the history it is about to receive happened before "now"; an asset provisioned when the
     * history began would count from there.
     */
    void provision(List<String> deviceIds, LocalDate today, Instant since) throws IOException, InterruptedException {
        List<String> assets = new ArrayList<>();
        deviceIds.forEach(id -> assets.add("{\"deviceId\": \"" + id + "\", \"maintainerCompanyName\": \"Otis Shanghai\"}"));
        assertThat(api.put(BASE + "/maintenance/assets", admin, "{\"assets\": [" + String.join(", ", assets) + "]}",
                200).get("created").asInt()).isEqualTo(deviceIds.size());
        for (String id : deviceIds) {
            if (id.startsWith("lift")) {
                api.post(BASE + "/maintenance/plans", admin, "{\"deviceId\": \"" + id
                        + "\", \"kind\": \"elevator_half_monthly\", \"startOn\": \"" + today + "\"}", 201);
            }
        }
        running.sql("UPDATE maintenance_assets SET counters_since = '" + since + "'");
    }

    /** Returns the device's usage counter from the community's counters. */
    JsonNode counter(String deviceId, String counter) throws IOException, InterruptedException {
        for (JsonNode device : api.get(BASE + "/maintenance/counters", admin, 200).get("devices")) {
            if (device.get("deviceId").asText().equals(deviceId)) {
                for (JsonNode c : device.get("counters")) {
                    if (c.get("counter").asText().equals(counter)) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no counter " + counter + " for " + deviceId);
    }

    /** Returns the device's maintenance: asset, plans with their next occurrences, counters. */
    JsonNode device(String deviceId) throws IOException, InterruptedException {
        return api.get("/api/v1/devices/" + deviceId + "/maintenance", admin, 200);
    }

    /** Returns the community's work orders from this source ({@code plan}, {@code forecast}, …). */
    List<JsonNode> orders(String source) throws IOException, InterruptedException {
        List<JsonNode> orders = new ArrayList<>();
        api.get(BASE + "/work-orders?limit=500", admin, 200).get("items").forEach(o -> {
            if (o.get("source").asText().equals(source)) {
                orders.add(o);
            }
        });
        return orders;
    }

    /**
     * Carries out the order: assigned to the technician, started by two people, every checklist
     * item answered, done, and verified by the administrator.
     */
    void complete(JsonNode order) throws IOException, InterruptedException {
        String path = "/api/v1/work-orders/" + order.get("id").asLong();
        api.post(path + "/assign", admin, "{\"assignee\": \"tina\"}", 200);
        api.post(path + "/start", technician, "{\"crew\": [\"tina\", \"tom\"]}", 200);
        List<String> results = new ArrayList<>();
        order.get("checklist").forEach(item -> results.add("{\"item\": \"" + item.asText() + "\", \"ok\": true}"));
        api.post(path + "/checklist", technician, "{\"results\": [" + String.join(", ", results) + "]}", 200);
        api.post(path + "/done", technician, "{}", 200);
        assertThat(api.post(path + "/verify", admin, "{}", 200).get("status").asText()).isEqualTo("verified");
    }
}
