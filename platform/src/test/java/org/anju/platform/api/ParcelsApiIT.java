package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * Parcel notices through the real pipeline: a locker publishes deposits over MQTT (Paho), ingest
 * seals the pickup code and the recipient's phone, the derivation runs, and the API gives the
 * resident whose registered number the waybill names the code (another resident nothing, staff
 * never a code), then the parcel as picked up.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ParcelsApiIT {

    private static final String SECRET = "device-secret";
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);
    private static RunningPlatform running;
    private static ApiCalls api;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        api = new ApiCalls(running);
        running.fixtures().device("locker-1", "parcel_locker", SECRET)
                .propertyUser("otto", "otto-password", "operator")
                .propertyUser("rita", "rita-password", "resident").propertyUser("otis", "otis-password", "resident")
                .twoHouseholds("rita", "otis");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void theResidentWhosePhoneTheWaybillNamesSeesTheCodeUntilPickup() throws Exception {
        String rita = running.login("rita", "rita-password");
        String otis = running.login("otis", "otis-password");
        assertThat(api.put("/api/v1/me/parcels/phone", rita, "{\"phone\": \"+86 138 0013 8000\"}", 200)
                .get("phoneLast4").asText()).isEqualTo("8000");
        api.put("/api/v1/me/parcels/phone", otis, "{\"phone\": \"1380013800\"}", 400);
        api.put("/api/v1/me/parcels/phone", otis, "{\"phone\": 13800138000}", 400);

        publish("""
                {"kind": "deposit", "ts": "%s", "compartment": "A07", "pickupCode": "83920571", "courier": "顺丰 SF",
                 "trackingNumber": "SF1402938475612", "recipientPhone": "13800138000"}""".formatted(T));
        publish("""
                {"kind": "deposit", "ts": "%s", "compartment": "B01", "pickupCode": "11112222", "courier": "JD"}"""
                .formatted(T));
        running.platform().parcels().runOnce();

        JsonNode mine = api.get("/api/v1/me/parcels", rita, 200).get("items");
        assertThat(mine).hasSize(1);
        JsonNode parcel = mine.get(0);
        assertThat(parcel.get("pickupCode").asText()).isEqualTo("83920571");
        assertThat(parcel.get("compartment").asText()).isEqualTo("A07");
        assertThat(parcel.get("courier").asText()).isEqualTo("顺丰 SF");
        assertThat(parcel.get("location").get("location").asText()).isEqualTo("Corridor");
        assertThat(Instant.parse(parcel.get("freeUntil").asText())).isEqualTo(T.plus(24, ChronoUnit.HOURS));
        assertThat(parcel.get("overdue").asBoolean()).isFalse();
        assertThat(parcel.get("trackingNumber").isNull()).isTrue();
        assertThat(api.get("/api/v1/me/parcels", otis, 200).get("items")).isEmpty();
        long id = parcel.get("id").asLong();
        assertThat(api.get("/api/v1/me/parcels/" + id, rita, 200).get("pickupCode").asText()).isEqualTo("83920571");
        api.get("/api/v1/me/parcels/" + id, otis, 404);
        api.get("/api/v1/me/parcels/" + (id + 1000), rita, 404);
        // the code and the phone are stored sealed only
        assertThat(running.sqlRows("SELECT payload::text FROM device_events WHERE kind = 'deposit'"))
                .noneMatch(p -> p.contains("83920571") || p.contains("13800138000"));

        String otto = running.login("otto", "otto-password");
        JsonNode staff = api.get("/api/v1/communities/elm-court/parcels", otto, 200).get("items");
        assertThat(staff).hasSize(2).allSatisfy(p -> assertThat(p.get("pickupCode").isNull()).isTrue());
        assertThat(api.get("/api/v1/communities/elm-court/parcels?status=unmatched", otto, 200).get("items"))
                .extracting(p -> p.get("compartment").asText()).containsExactly("B01");
        api.get("/api/v1/communities/elm-court/parcels?status=lost", otto, 400);

        publish("""
                {"kind": "pickup", "ts": "%s", "compartment": "A07", "pickupCode": "83920571"}"""
                .formatted(T.plus(30, ChronoUnit.MINUTES)));
        publish("""
                {"kind": "pickup", "ts": "%s", "compartment": "C99", "pickupCode": "00000000"}"""
                .formatted(T.plus(31, ChronoUnit.MINUTES)));
        running.platform().parcels().runOnce();

        JsonNode after = api.get("/api/v1/me/parcels", rita, 200).get("items").get(0);
        assertThat(after.get("state").asText()).isEqualTo("picked_up");
        assertThat(after.get("pickupCode").isNull()).isTrue();
        assertThat(after.get("feeFen").asLong()).isZero();
    }

    private static void publish(String json) throws Exception {
        Device5 device = Device5.connect(running.mqttUri(), "locker-1", "locker-1@" + Fixtures.TENANT, SECRET);
        try {
            assertThat(device.publishAndAwaitReason("event", json)).isZero();
        } finally {
            device.close();
        }
    }
}
