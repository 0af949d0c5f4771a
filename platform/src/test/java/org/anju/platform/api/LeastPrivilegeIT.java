package org.anju.platform.api;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.api.AccessWorld.Caller;
import org.anju.platform.privacy.EventSecrets;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.RunningPlatform;

/**
 * What each role sees inside the answers the role matrix lets through: the fire brigade only fire
 * facilities and their data, in every community; parcel pickup codes and charging id tags stored
 * sealed and shown to nobody; licence plates and waybill numbers only to the community's property
 * administrators and operators.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LeastPrivilegeIT {

    private static final String EVENT_KEY = Base64.getEncoder()
            .encodeToString("a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8));
    private static final String REDACTED = "••••";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningPlatform running;
    private static AccessWorld world;
    private static ApiCalls api;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_SECURITY_EVENT_SECRET_KEY", EVENT_KEY));
        world = AccessWorld.build(running);
        api = new ApiCalls(running);
        world.publishEvent("elm-locker", now("parcel_locker", "event-deposit"));
        world.publishEvent("elm-charger", now("ev_charger", "event-session_started"));
        world.publishEvent("elm-charger", now("ev_charger", "event-session_stopped"));
        world.publishEvent("elm-camera", now("camera", "event-plate_read"));
        world.publishEvent("elm-camera-2", now("camera", "event-plate_read-unreadable"));
        world.publishEvent("elm-detector", now("smoke_detector", "event-alarm"));
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theFireBrigadeListsEveryCommunityButOnlyItsFireFacilities() throws Exception {
        String fire = world.token(Caller.FIRE_BRIGADE);

        assertThat(texts(api.get("/api/v1/communities", fire, 200), "id"))
                .containsExactlyInAnyOrder(AccessWorld.OWN, AccessWorld.SIBLING, AccessWorld.OTHER);
        assertThat(texts(api.get("/api/v1/communities/pine-park/devices", fire, 200).get("devices"), "id"))
                .containsExactlyInAnyOrder("pine-detector", "pine-detector-2", "pine-panel");
        assertThat(texts(api.get("/api/v1/communities/elm-court/devices", world.token(Caller.TECHNICIAN), 200)
                .get("devices"), "id")).hasSize(8);
    }

    @Test
    void theFireBrigadeReadsTheFireEventsOfACommunityAndNoPlateOrParcel() throws Exception {
        String fire = world.token(Caller.FIRE_BRIGADE);
        List<String> devices = texts(api.get("/api/v1/communities/elm-court/events", fire, 200).get("events"), "deviceId");

        assertThat(devices).contains("elm-detector")
                .allMatch(id -> id.startsWith("elm-detector") || id.equals("elm-panel"));
        assertThat(texts(api.get("/api/v1/communities/elm-court/events", world.token(Caller.OPERATOR), 200)
                .get("events"), "kind")).contains("plate_read", "deposit", "session_started", "alarm");
        assertThat(ApiCalls.message(api.get("/api/v1/devices/elm-locker/events", fire, 403)))
                .isEqualTo("fred may not see device 'elm-locker'");
    }

    @Test
    void theFireBrigadesLiveStreamCarriesOnlyFireFacilities() throws Exception {
        List<String> fire = new CopyOnWriteArrayList<>();
        List<String> operator = new CopyOnWriteArrayList<>();
        try (Stream<String> fireStream = stream("elm-court", Caller.FIRE_BRIGADE, fire);
                Stream<String> operatorStream = stream("elm-court", Caller.OPERATOR, operator)) {
            world.publishTelemetry("elm-camera", "{\"status\": \"OK\", \"temperature\": 41.5}");
            await().atMost(Duration.ofSeconds(30)).until(() -> mentions(operator, "elm-camera"));
            world.publishTelemetry("elm-detector", "{\"battery\": 87, \"smokeConcentration\": 0.12}");
            await().atMost(Duration.ofSeconds(30)).until(() -> mentions(fire, "elm-detector"));
        }

        assertThat(mentions(fire, "elm-camera")).as("updates come in order: the camera's, had it been sent,"
                + " came before the detector's").isFalse();
    }

    @Test
    void aPickupCodeIsStoredEncryptedAndShownToNobody() throws Exception {
        String stored = running.sqlRows("SELECT payload ->> 'pickupCode' FROM device_events"
                + " WHERE device_id = 'elm-locker' AND kind = 'deposit'").get(0);

        assertThat(stored).startsWith(EventSecrets.ENCRYPTED).doesNotContain("83920571");
        assertThat(running.sqlRows("SELECT payload::text FROM device_events WHERE device_id = 'elm-locker'"))
                .noneMatch(payload -> payload.contains("83920571"));
        assertThat(secrets().open("pickupCode", stored)).as("recoverable for the recipient").isEqualTo("83920571");
        for (Caller caller : readers()) {
            JsonNode deposit = event("/api/v1/devices/elm-locker/events", caller, "elm-locker", "deposit");
            assertThat(deposit.get("pickupCode").asText()).as(caller.toString()).isEqualTo(REDACTED);
            assertThat(deposit.get("trackingNumber").asText()).as(caller.toString()).isEqualTo(
                    caller == Caller.PROPERTY_ADMIN || caller == Caller.OPERATOR ? "SF1402938475612" : REDACTED);
        }
    }

    @Test
    void anIdTagIsStoredAsAKeyedHashThatFindsItsSessionsAndIsShownToNobody() throws Exception {
        String hash = secrets().matchKey("idTag", "A1B2C3D4");

        assertThat(running.sqlRows("SELECT kind FROM device_events WHERE device_id = 'elm-charger'"
                + " AND payload ->> 'idTag' = '" + hash + "' ORDER BY kind"))
                .containsExactly("session_started", "session_stopped");
        assertThat(running.sqlRows("SELECT payload::text FROM device_events WHERE device_id = 'elm-charger'"))
                .noneMatch(payload -> payload.contains("A1B2C3D4"));
        for (Caller caller : readers()) {
            JsonNode started = event("/api/v1/communities/elm-court/events", caller, "elm-charger", "session_started");
            assertThat(started.get("idTag").asText()).as(caller.toString()).isEqualTo(REDACTED);
        }
    }

    @Test
    void aPlateIsShownToTheCommunitysAdministratorsAndOperatorsOnly() throws Exception {
        for (Caller caller : readers()) {
            boolean sees = caller == Caller.PROPERTY_ADMIN || caller == Caller.OPERATOR;
            for (String path : List.of("/api/v1/devices/elm-camera/events", "/api/v1/communities/elm-court/events")) {
                assertThat(event(path, caller, "elm-camera", "plate_read").get("plate").asText()).as(caller + " " + path)
                        .isEqualTo(sees ? "京A12345" : REDACTED);
            }
        }
        JsonNode unreadable = event("/api/v1/devices/elm-camera-2/events", Caller.TECHNICIAN, "elm-camera-2", "plate_read");
        assertThat(unreadable.get("plate").isNull()).as("an unreadable plate stays null").isTrue();
        assertThat(running.sqlRows("SELECT payload ->> 'plate' FROM device_events WHERE kind = 'plate_read'"
                + " AND device_id = 'elm-camera'")).as("stored as read: visits are paired on it")
                .containsExactly("京A12345");
    }

    /** Returns a catalogue example without its time, so that it happens now (within the lists' default range). */
    private static String now(String type, String name) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(example(type, name));
        event.remove("ts");
        return event.toString();
    }

    /** The sealer of the key the platform was given. */
    private static EventSecrets secrets() throws Exception {
        return EventSecrets.load(EVENT_KEY, Path.of("unused: the key is configured"));
    }

    /** The callers that may read the own community's device events. */
    private static List<Caller> readers() {
        return List.of(Caller.PLATFORM_ADMIN, Caller.PROPERTY_ADMIN, Caller.OPERATOR, Caller.TECHNICIAN);
    }

    /** Returns the payload of the device's newest event of that kind in the answer to the path. */
    private static JsonNode event(String path, Caller caller, String deviceId, String kind) throws Exception {
        for (JsonNode event : api.get(path, world.token(caller), 200).get("events")) {
            if (event.get("deviceId").asText().equals(deviceId) && event.get("kind").asText().equals(kind)) {
                return event.get("payload");
            }
        }
        throw new AssertionError("no " + kind + " event of " + deviceId + " in " + path + " for " + caller);
    }

    /** Opens a community's live device stream as the caller, collecting its lines. */
    private static Stream<String> stream(String communityId, Caller caller, List<String> lines) throws Exception {
        HttpResponse<Stream<String>> response = running.http().send(HttpRequest.newBuilder(
                URI.create(running.baseUrl() + "/api/v1/communities/" + communityId + "/stream"))
                .header("Authorization", "Bearer " + world.token(caller)).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Stream<String> body = response.body();
        Thread.ofVirtual().start(() -> {
            try {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test hung up
            }
        });
        // the stream's first line comes once the subscription is in place
        await().atMost(Duration.ofSeconds(30)).until(() -> !lines.isEmpty());
        return body;
    }

    private static boolean mentions(List<String> lines, String deviceId) {
        return lines.stream().anyMatch(line -> line.contains("\"" + deviceId + "\""));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }
}
