package org.anju.simulator.community;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.Json;

/**
 * Creates the communities of a plan through the platform's provisioning API, with their people
 * and places ({@link EstateLayout}), and returns the manifest the simulator runs from. Repeating it with the same plan and the previous manifest
 * (whose secrets it reuses) changes nothing; secrets of new devices are random.
 */
public final class CommunityGenerator {

    /** Devices per provisioning request (the platform takes at most 5,000). */
    public static final int DEVICES_PER_REQUEST = 2_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PlatformApi api;

    public CommunityGenerator(PlatformApi api) {
        this.api = api;
    }

    /**
     * What a run did.
     *
     * @param created         communities, buildings and devices created
     * @param unchanged       communities, buildings and devices found as planned
     * @param estateCreated   households, residents, vehicles, id tags, car parks and spaces created
     * @param estateUnchanged the same found as planned
     * @param passwords       the initial password of each resident login this run created, by user
     *                        name: the platform shows them once, so the caller must hand them over
     *                        (never log them)
     */
    public record Result(DeviceManifest manifest, int created, int unchanged, int estateCreated, int estateUnchanged,
            Map<String, String> passwords, Duration elapsed) {
    }

    /**
     * Provisions the plan's communities, buildings and devices.
     *
     * @param previous the manifest of an earlier run (its secrets are kept), or null
     * @throws IOException with the platform's message (and the items it refused) when it refuses
     */
    public Result generate(CommunityPlan plan, String mqttUri, DeviceManifest previous)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Map<String, String> secrets = new HashMap<>();
        if (previous != null) {
            previous.devices().forEach(d -> secrets.put(d.id(), d.password()));
        }
        int created = 0;
        int unchanged = 0;
        int estateCreated = 0;
        int estateUnchanged = 0;
        Map<String, String> passwords = new LinkedHashMap<>();
        for (CommunityLayout.Community community : CommunityLayout.of(plan)) {
            String base = "/api/v1/provisioning/tenants/" + plan.tenantId() + "/communities/" + community.id();
            JsonNode answer = require(api.put(base, communityBody(community)), "community " + community.id());
            created += answer.path("created").asInt();
            unchanged += answer.path("unchanged").asInt();
            List<CommunityLayout.Device> devices = community.devices();
            for (int from = 0; from < devices.size(); from += DEVICES_PER_REQUEST) {
                List<CommunityLayout.Device> chunk = devices.subList(from, Math.min(devices.size(),
                        from + DEVICES_PER_REQUEST));
                ArrayNode list = Json.MAPPER.createArrayNode();
                for (CommunityLayout.Device d : chunk) {
                    String secret = secrets.computeIfAbsent(d.id(), id -> newSecret());
                    list.add(deviceJson(d, secret));
                }
                ObjectNode body = Json.MAPPER.createObjectNode();
                body.set("devices", list);
                JsonNode result = require(api.post(base + "/devices", body.toString()),
                        "devices " + from + " to " + (from + chunk.size() - 1) + " of " + community.id());
                created += result.path("created").asInt();
                unchanged += result.path("unchanged").asInt();
            }
            // the estate names the devices (gate cameras, chargers), so it comes after them
            List<String> estate = EstateRequests.bodies(EstateLayout.of(plan, community.id()));
            for (int i = 0; i < estate.size(); i++) {
                JsonNode result = require(api.post(base + "/estate", estate.get(i)),
                        "estate request " + (i + 1) + " of " + estate.size() + " of " + community.id());
                estateCreated += result.path("created").asInt();
                estateUnchanged += result.path("unchanged").asInt();
                for (JsonNode item : result.path("items")) {
                    if (item.hasNonNull("initialPassword")) {
                        passwords.put(item.path("key").asText(), item.path("initialPassword").asText());
                    }
                }
            }
        }
        return new Result(CommunityLayout.manifest(plan, mqttUri, secrets::get), created, unchanged, estateCreated,
                estateUnchanged, passwords, Duration.ofNanos(System.nanoTime() - started));
    }

    /** A random secret of 32 URL-safe characters (192 bits). */
    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String communityBody(CommunityLayout.Community community) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", community.name());
        ArrayNode buildings = body.putArray("buildings");
        for (CommunityLayout.Building b : community.buildings()) {
            buildings.addObject().put("id", b.id()).put("name", b.name()).put("floorsAbove", b.floorsAbove())
                    .put("floorsBelow", 0);
        }
        return body.toString();
    }

    private static ObjectNode deviceJson(CommunityLayout.Device d, String secret) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", d.id()).put("type", d.type()).put("name", d.name())
                .put("location", d.location()).put("secret", secret);
        if (d.buildingId() != null) {
            json.put("buildingId", d.buildingId());
        }
        if (d.floor() != null) {
            json.put("floor", d.floor());
        }
        ObjectNode attributes = json.putObject("attributes");
        d.attributes().forEach(attributes::put);
        return json;
    }

    private static JsonNode require(PlatformApi.Answer answer, String what) throws IOException {
        if (answer.ok()) {
            return answer.body();
        }
        StringBuilder message = new StringBuilder("the platform refused " + what + ": " + answer.errorMessage());
        int shown = 0;
        for (JsonNode item : answer.body().path("error").path("items")) {
            if (shown++ == 10) {
                message.append("\n  …");
                break;
            }
            message.append("\n  ").append(item.path("path").asText()).append(": ").append(item.path("message").asText());
        }
        throw new IOException(message.toString());
    }
}
