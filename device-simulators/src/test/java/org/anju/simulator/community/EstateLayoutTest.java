package org.anju.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.Json;

class EstateLayoutTest {

    private static final CommunityPlan PLAN = new CommunityPlan("acme", "pine", "Pine Court", 1, 3, 6, 4, 1, 1, 1, 2, 6,
            1, 1.0, "12h");

    @Test
    void theEstateIsTheSameForTheSamePlanAndMatchesTheDevices() {
        EstateLayout.Estate estate = EstateLayout.of(PLAN, "pine");

        assertThat(EstateLayout.of(PLAN, "pine")).isEqualTo(estate);
        assertThat(estate.households()).hasSize(3 * 6 * 4)
                .allSatisfy(h -> assertThat(h.areaCenti()).isBetween(5_000L, 14_000L))
                .allSatisfy(h -> assertThat(h.residents().get(0).owner()).isTrue());
        // two doors per unit: doors 1–2 in unit 1, 3–4 in unit 2
        assertThat(estate.households()).filteredOn(h -> h.number().equals("503")).extracting(EstateLayout.Household::unit)
                .containsOnly("2");
        List<String> plates = estate.plates();
        assertThat(plates).hasSize(72).doesNotHaveDuplicates();
        // about a quarter new-energy (8 characters): 18 expected of 72
        assertThat(plates.stream().filter(p -> p.length() == 8).count()).isBetween(8L, 30L);
        assertThat(estate.households()).allSatisfy(h -> assertThat(!h.idTags().isEmpty())
                .isEqualTo(h.plates().stream().anyMatch(p -> p.length() == 8)));
        assertThat(estate.spaces()).hasSize(43).filteredOn(s -> s.charger() != null).hasSize(6);
        assertThat(estate.spaces()).allSatisfy(s -> assertThat(s.owner() != null).isEqualTo(s.ownership().equals("private")));
        assertThat(estate.gates()).containsExactly("pine-gate-1", "pine-gate-2");
    }

    @Test
    void gatesKnowThePlatesAndChargersTheCardsOfTheirSpace() {
        EstateLayout.Estate estate = EstateLayout.of(PLAN, "pine");
        DeviceManifest manifest = CommunityLayout.manifest(PLAN, "tcp://h:1883", id -> "s");

        DeviceManifest.Device gate = device(manifest, "pine-gate-1");
        assertThat(List.of(gate.attributes().get("plates").split(","))).isEqualTo(estate.plates());
        EstateLayout.Space privateCharger = estate.spaces().get(0);
        assertThat(privateCharger.ownership()).isEqualTo("private");
        assertThat(device(manifest, "pine-charger-1").attributes().get("idTags"))
                .isEqualTo(String.join(",", privateCharger.owner().idTags()));
        List<String> allCards = estate.households().stream().flatMap(h -> h.idTags().stream()).toList();
        assertThat(estate.spaces().get(1).ownership()).isEqualTo("common");
        assertThat(device(manifest, "pine-charger-2").attributes().get("idTags")).isEqualTo(String.join(",", allCards));
    }

    @Test
    void lockersKnowTheResidentsMobileNumbers() {
        EstateLayout.Estate estate = EstateLayout.of(PLAN, "pine");
        DeviceManifest manifest = CommunityLayout.manifest(PLAN, "tcp://h:1883", id -> "s");

        List<String> phones = List.of(device(manifest, "pine-locker-1").attributes().get("recipientPhones").split(","));
        assertThat(phones).isEqualTo(estate.phones()).hasSizeGreaterThanOrEqualTo(72)
                .allSatisfy(p -> assertThat(p).matches("1[3-9][0-9]{9}"));
        // a login's number is the same in every run, so a resident registers it once
        assertThat(EstateLayout.of(PLAN, "pine").phones()).isEqualTo(phones);
    }

    @Test
    void theRequestsCarryHouseholdsFirstThenTheCarParkAndSpaces() throws Exception {
        List<String> bodies = EstateRequests.bodies(EstateLayout.of(PLAN, "pine"));

        assertThat(bodies).hasSize(2);
        JsonNode households = Json.MAPPER.readTree(bodies.get(0));
        assertThat(households.get("households")).hasSize(72);
        JsonNode first = households.get("households").get(0);
        assertThat(first.get("buildingId").asText()).isEqualTo("pine-b1");
        assertThat(first.get("residents").get(0).get("username").asText()).isEqualTo("pine-b1-101");
        assertThat(first.get("privateAreaM2").decimalValue().scale()).isEqualTo(2);
        JsonNode places = Json.MAPPER.readTree(bodies.get(1));
        assertThat(places.get("carParks").get(0).get("gateCameraIds")).hasSize(2);
        assertThat(places.get("parkingSpaces").get(0).get("chargerDeviceId").asText()).isEqualTo("pine-charger-1");
    }

    private static DeviceManifest.Device device(DeviceManifest manifest, String id) {
        return manifest.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }
}
