package org.anju.platform.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.Json;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The provisioning API over real HTTP on a real database: who may provision what, idempotency,
 * conflicts and validation naming the item, one transaction per request, and a bulk request of
 * 2,000 devices.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ProvisioningApiIT {

    private static final String BASE = "/api/v1/provisioning/tenants/";
    private static final String SECRET = "s3cret-s3cret-s3cret";

    private static RunningPlatform running;
    private static String root;
    private static String acmeAdmin;
    private static String operator;
    private static String zenithAdmin;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        Fixtures fixtures = running.fixtures().propertyUser("pat", "pat-password", "property_admin")
                .propertyUser("otto", "otto-password", "operator");
        fixtures.platformAdmin("root", "root-password");
        fixtures.otherTenantAdmin("zed", "zed-password");
        root = running.login("root", "root-password");
        acmeAdmin = running.login("pat", "pat-password");
        operator = running.login("otto", "otto-password");
        zenithAdmin = running.login("zed", "zed-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void onlyAdminsOfTheTenantMayProvision() throws Exception {
        String community = community("Birch Court", building("birch-b1", "Building 1", 6));
        assertThat(send("PUT", BASE + "acme/communities/birch", community, null).statusCode()).isEqualTo(401);
        assertError(send("PUT", BASE + "acme/communities/birch", community, operator), 403,
                "platform_admin or property_admin only");
        assertError(send("PUT", BASE + "acme/communities/birch", community, zenithAdmin), 403,
                "may not provision tenant 'acme'");
        assertError(send("PUT", BASE + "acme", "{\"name\": \"Acme\"}", acmeAdmin), 403, "platform_admin only");
        assertThat(send("PUT", BASE + "acme/communities/birch", community, acmeAdmin).statusCode()).isEqualTo(200);
        assertError(send("POST", BASE + "acme/communities/birch/devices", devices(0, 1, "birch", null), zenithAdmin),
                403, "may not provision tenant 'acme'");
        assertThat(send("POST", BASE + "acme/communities/birch/devices", devices(0, 1, "birch", null), root)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> tenant = send("PUT", BASE + "newco", "{\"name\": \"New Co\"}", root);
        assertThat(tenant.statusCode()).isEqualTo(200);
        assertThat(json(tenant).get("created").asInt()).isEqualTo(1);
        assertError(send("PUT", BASE + "nobody/communities/x", community("X"), root), 404, "no tenant 'nobody'");
        assertError(send("PUT", BASE + "zenith/communities/birch", community("Birch Court"), root), 409,
                "taken by another tenant");
    }

    @Test
    void aPropertyAdministratorProvisionsOnlyTheirOwnOrNewCommunities() throws Exception {
        String spruce = community("Spruce Court", building("spruce-b1", "Building 1", 6));
        assertThat(send("PUT", BASE + "acme/communities/spruce", spruce, root).statusCode()).isEqualTo(200);

        assertError(send("PUT", BASE + "acme/communities/spruce", spruce, acmeAdmin), 403,
                "may not provision community 'spruce' (not one of theirs)");
        assertError(send("PUT", BASE + "acme/communities/spruce",
                community("Spruce Court", building("spruce-b1", "Building 1", 6), building("spruce-b2", "Building 2", 6)),
                acmeAdmin), 403, "not one of theirs");
        assertError(send("POST", BASE + "acme/communities/spruce/devices", devices(0, 1, "spruce", null), acmeAdmin),
                403, "not one of theirs");
        assertThat(strings("SELECT count(*) FROM buildings WHERE community_id = 'spruce'")).as("nothing written")
                .containsExactly("1");
        assertThat(strings("SELECT count(*) FROM devices WHERE community_id = 'spruce'")).containsExactly("0");
    }

    @Test
    void repeatingARequestChangesNothingAndAnswersTheSame() throws Exception {
        String community = community("Cedar Court", building("cedar-b1", "Building 1", 6),
                building("cedar-b2", "Building 2", 9));
        JsonNode first = json(send("PUT", BASE + "acme/communities/cedar", community, acmeAdmin));
        assertThat(first.get("created").asInt()).isEqualTo(3);
        JsonNode again = json(send("PUT", BASE + "acme/communities/cedar", community, acmeAdmin));
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(3);

        String devices = devices(0, 20, "cedar", "cedar-b1");
        JsonNode created = json(send("POST", BASE + "acme/communities/cedar/devices", devices, acmeAdmin));
        assertThat(created.get("created").asInt()).isEqualTo(20);
        List<String> hashes = strings("SELECT secret_hash FROM device_credentials WHERE device_id LIKE 'cedar-%' ORDER BY 1");
        HttpResponse<String> repeated = send("POST", BASE + "acme/communities/cedar/devices", devices, acmeAdmin);
        assertThat(repeated.statusCode()).isEqualTo(200);
        assertThat(json(repeated).get("unchanged").asInt()).isEqualTo(20);
        assertThat(json(repeated).get("items").get(7).get("id").asText()).isEqualTo("cedar-dev-7");
        assertThat(strings("SELECT secret_hash FROM device_credentials WHERE device_id LIKE 'cedar-%' ORDER BY 1"))
                .isEqualTo(hashes);
    }

    @Test
    void aDeviceStoredDifferentlyIsAConflictNamingItAndNothingOfTheRequestIsWritten() throws Exception {
        send("PUT", BASE + "acme/communities/dogwood", community("Dogwood", building("dog-b1", "Building 1", 6)), root);
        send("POST", BASE + "acme/communities/dogwood/devices", devices(0, 3, "dogwood", "dog-b1"), root);

        ArrayNode changed = (ArrayNode) Json.MAPPER.readTree(devices(0, 5, "dogwood", "dog-b1")).get("devices");
        ((ObjectNode) changed.get(1)).put("name", "Renamed");
        ((ObjectNode) changed.get(2)).put("secret", "another-secret-entirely");
        ((ObjectNode) changed.get(0)).putObject("attributes").put("heartbeatInterval", "PT1H");
        HttpResponse<String> conflict = send("POST", BASE + "acme/communities/dogwood/devices",
                Json.MAPPER.createObjectNode().set("devices", changed).toString(), root);
        assertThat(conflict.statusCode()).isEqualTo(409);
        JsonNode items = json(conflict).get("error").get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("path").asText()).isEqualTo("devices[0]");
        assertThat(items.get(0).get("message").asText())
                .contains("attributes is {heartbeatInterval=PT12H}, request says {heartbeatInterval=PT1H}");
        assertThat(items.get(1).get("message").asText()).contains("name is 'Device 1', request says 'Renamed'");
        assertThat(items.get(2).get("path").asText()).isEqualTo("devices[2].secret");
        assertThat(json(conflict).get("error").get("message").asText()).startsWith("3 items conflicting");
        // devices 3 and 4 were new, but the request is one transaction
        assertThat(strings("SELECT id FROM devices WHERE community_id = 'dogwood' ORDER BY id"))
                .containsExactly("dogwood-dev-0", "dogwood-dev-1", "dogwood-dev-2");
    }

    @Test
    void invalidItemsAreNamedByIndexAndField() throws Exception {
        send("PUT", BASE + "acme/communities/elder", community("Elder", building("elder-b1", "Building 1", 6)), root);
        ArrayNode devices = (ArrayNode) Json.MAPPER.readTree(devices(0, 6, "elder", "elder-b1")).get("devices");
        ((ObjectNode) devices.get(1)).put("type", "toaster");
        ((ObjectNode) devices.get(2)).put("secret", "short");
        ((ObjectNode) devices.get(3)).put("id", "elder-dev-0");
        ((ObjectNode) devices.get(4)).put("colour", "red");
        ((ObjectNode) devices.get(5)).put("floor", "third");
        HttpResponse<String> invalid = send("POST", BASE + "acme/communities/elder/devices",
                Json.MAPPER.createObjectNode().set("devices", devices).toString(), root);
        assertThat(invalid.statusCode()).isEqualTo(400);
        List<String> paths = new ArrayList<>();
        json(invalid).get("error").get("items").forEach(i -> paths.add(i.get("path").asText() + " " + i.get("message").asText()));
        assertThat(paths).containsExactly(
                "devices[1].type unknown device type 'toaster' (camera, elevator, parcel_locker, ev_charger, smoke_detector, fire_panel)",
                "devices[2].secret must be a text of at least 16 characters and at most 72 bytes in UTF-8, bcrypt's limit "
                        + "(a random machine-made secret)",
                "devices[3].id 'elder-dev-0' repeats devices[0]",
                "devices[4].colour unknown field",
                "devices[5].floor must be a whole number from -10 to 200");

        ArrayNode elsewhere = (ArrayNode) Json.MAPPER.readTree(devices(0, 2, "elder", "elder-b1")).get("devices");
        ((ObjectNode) elsewhere.get(1)).put("buildingId", "cedar-b1");
        HttpResponse<String> wrongBuilding = send("POST", BASE + "acme/communities/elder/devices",
                Json.MAPPER.createObjectNode().set("devices", elsewhere).toString(), root);
        assertError(wrongBuilding, 400, "devices[1].buildingId: no building 'cedar-b1' in community 'elder'");
        assertThat(strings("SELECT id FROM devices WHERE community_id = 'elder'")).isEmpty();

        assertError(send("POST", BASE + "acme/communities/elder/devices", devices(0, 5001, "elder", null), root), 400,
                "at most 5000 per request");
        assertError(send("POST", BASE + "acme/communities/elder/devices", "[1, 2]", root), 400,
                "must be a JSON object");
        assertError(send("POST", BASE + "acme/communities/nowhere/devices", devices(0, 1, "x", null), root), 404,
                "no community 'nowhere' in tenant 'acme'");
    }

    /** Regression: a secret under 128 characters but over bcrypt's 72 bytes was a 500 from bcrypt. */
    @Test
    void aSecretOverBcrypts72BytesIsA400NamingTheLimit() throws Exception {
        send("PUT", BASE + "acme/communities/fern", community("Fern", building("fern-b1", "Building 1", 6)), root);
        ArrayNode devices = (ArrayNode) Json.MAPPER.readTree(devices(0, 2, "fern", "fern-b1")).get("devices");
        ((ObjectNode) devices.get(0)).put("secret", "s".repeat(73));
        ((ObjectNode) devices.get(1)).put("secret", "密".repeat(25)); // 25 characters, 75 bytes

        HttpResponse<String> refused = send("POST", BASE + "acme/communities/fern/devices",
                Json.MAPPER.createObjectNode().set("devices", devices).toString(), root);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).get("error").get("items")).extracting(i -> i.get("path").asText())
                .containsExactly("devices[0].secret", "devices[1].secret");
        assertThat(json(refused).get("error").get("message").asText()).contains("at most 72 bytes");
        ((ObjectNode) devices.get(0)).put("secret", "s".repeat(72));
        ((ObjectNode) devices.get(1)).put("secret", "密".repeat(24));
        assertThat(send("POST", BASE + "acme/communities/fern/devices",
                Json.MAPPER.createObjectNode().set("devices", devices).toString(), root).statusCode()).as("72 bytes fit").isEqualTo(200);
    }

    @Test
    void twoThousandDevicesInOneRequest() throws Exception {
        // created by the property administrator, so it is theirs to provision
        send("PUT", BASE + "acme/communities/fir", community("Fir", building("fir-b1", "Building 1", 30)), acmeAdmin);
        String body = devices(0, 2000, "fir", "fir-b1");
        assertThat(body.length()).isGreaterThan(64 * 1024);
        HttpResponse<String> bulk = send("POST", BASE + "acme/communities/fir/devices", body, acmeAdmin);
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
        assertThat(json(bulk).get("created").asInt()).isEqualTo(2000);
        assertThat(strings("SELECT count(*) FROM device_credentials WHERE device_id LIKE 'fir-dev-%'"))
                .containsExactly("2000");
        assertThat(strings("SELECT DISTINCT substr(secret_hash, 1, 7) FROM device_credentials WHERE device_id LIKE 'fir-%'"))
                .containsExactly("$2a$06$");
        HttpResponse<String> devices = running.get("/api/v1/communities/fir/devices?limit=2000", root);
        assertThat(json(devices).get("devices")).hasSize(2000);
    }

    private static String community(String name, ObjectNode... buildings) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("address", "1 " + name + " Road");
        ArrayNode list = body.putArray("buildings");
        for (ObjectNode b : buildings) {
            list.add(b);
        }
        return body.toString();
    }

    private static ObjectNode building(String id, String name, int floors) {
        return Json.MAPPER.createObjectNode().put("id", id).put("name", name).put("floorsAbove", floors).put("floorsBelow", 1);
    }

    private static String devices(int from, int count, String prefix, String buildingId) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("devices");
        for (int i = from; i < from + count; i++) {
            ObjectNode d = list.addObject().put("id", prefix + "-dev-" + i).put("type", "smoke_detector")
                    .put("name", "Device " + i).put("floor", 1 + i % 20).put("secret", SECRET + "-" + i);
            if (buildingId != null) {
                d.put("buildingId", buildingId);
            }
            d.putObject("attributes").put("heartbeatInterval", "PT12H");
        }
        return body.toString();
    }

    private static HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return running.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").get("message").asText()).contains(messagePart);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection c = running.platform().database().dataSource().getConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
