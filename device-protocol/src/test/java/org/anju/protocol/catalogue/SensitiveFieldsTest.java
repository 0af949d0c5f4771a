package org.anju.protocol.catalogue;

import static org.anju.protocol.catalogue.Examples.onlyEventJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.anju.protocol.DeviceType;

/**
 * The fields that tell about a person: declared by the codecs, sealed by the catalogue before they
 * enter an event's JSON, and never offered to the sealer from telemetry or other fields.
 */
class SensitiveFieldsTest {

    /** Records what it was asked to seal and answers a recognisable stand-in. */
    private static final class RecordingSealer implements FieldSealer {

        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized String seal(String field, Sensitivity sensitivity, String value) {
            calls.add(field + " " + sensitivity + " " + value);
            return "sealed#" + calls.size();
        }
    }

    private final RecordingSealer sealer = new RecordingSealer();
    private final DeviceCatalogue catalogue = DeviceCatalogue.standard().sealingWith(sealer);

    @Test
    void everySensitiveFieldIsDeclaredWithOneSensitivity() {
        assertThat(DeviceCatalogue.standard().sensitiveFields()).isEqualTo(Map.of(
                "pickupCode", Sensitivity.SECRET,
                "idTag", Sensitivity.MATCH_ONLY,
                "plate", Sensitivity.PERSONAL,
                "trackingNumber", Sensitivity.PERSONAL,
                "recipientPhone", Sensitivity.MATCH_ONLY));
    }

    @Test
    void aPickupCodeAndTheRecipientPhoneAreSealedBeforeTheyEnterTheEventAndTheWaybillIsKept() {
        DecodedMessage decoded = decode(DeviceType.PARCEL_LOCKER, "event-deposit.json");

        assertThat(sealer.calls).containsExactlyInAnyOrder("pickupCode SECRET 83920571",
                "recipientPhone MATCH_ONLY 13800138000");
        assertThat(onlyEventJson(decoded).get("pickupCode").asText()).startsWith("sealed#");
        assertThat(onlyEventJson(decoded).get("recipientPhone").asText()).startsWith("sealed#");
        assertThat(decoded.events().get(0).payloadJson()).doesNotContain("13800138000");
        assertThat(onlyEventJson(decoded).get("trackingNumber").asText()).isEqualTo("SF1402938475612");
        assertThat(decoded.events().get(0).payloadJson()).doesNotContain("83920571");
    }

    @Test
    void anIdTagIsSealedForMatchingInBothSessionEvents() {
        decode(DeviceType.EV_CHARGER, "event-session_started.json");
        decode(DeviceType.EV_CHARGER, "event-session_stopped.json");

        assertThat(sealer.calls).containsExactly("idTag MATCH_ONLY A1B2C3D4", "idTag MATCH_ONLY A1B2C3D4");
    }

    @Test
    void aPlateIsPersonalNotSealed() {
        DecodedMessage decoded = decode(DeviceType.CAMERA, "event-plate_read.json");

        assertThat(onlyEventJson(decoded).get("plate").asText()).isEqualTo("京A12345");
        assertThat(sealer.calls).isEmpty();
    }

    @Test
    void telemetryAndEventsWithoutSecretsNeverReachTheSealer() {
        for (Examples.Valid example : Examples.valid()) {
            boolean sealedKind = "deposit".equals(example.kind()) || "pickup".equals(example.kind())
                    || "session_started".equals(example.kind())
                    || ("session_stopped".equals(example.kind()) && example.json().has("idTag"));
            int expected = (sealedKind ? 1 : 0) + (example.json().has("recipientPhone") ? 1 : 0);
            int before = sealer.calls.size();
            catalogue.decode(example.type(), example.message());
            assertThat(sealer.calls.size() - before).as(example.toString()).isEqualTo(expected);
        }
    }

    @Test
    void theStandardCatalogueKeepsValuesAsSent() {
        DecodedMessage pickup = Examples.decode(DeviceType.PARCEL_LOCKER, "event-pickup.json");

        assertThat(onlyEventJson(pickup).get("pickupCode").asText()).isEqualTo("83920571");
    }

    private DecodedMessage decode(DeviceType type, String file) {
        return catalogue.decode(type, Examples.valid(type, file).message());
    }
}
