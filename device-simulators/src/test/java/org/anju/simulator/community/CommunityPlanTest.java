package org.anju.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.protocol.manifest.DeviceManifest;

class CommunityPlanTest {

    @TempDir
    Path dir;

    @Test
    void aPlanFileOverridesTheDefaultsAndTheLayoutHasTheCountedDevices() throws IOException {
        Path file = Files.writeString(dir.resolve("community.yaml"), """
                tenantId: acme
                communityPrefix: pine
                communities: 2
                buildings: 2
                floors: 5
                householdsPerFloor: 3
                vehiclesPerHousehold: 1.0
                heartbeatInterval: 6h
                """);
        CommunityPlan plan = CommunityPlan.read(file);
        assertThat(plan.gates()).isEqualTo(CommunityPlan.defaults().gates());
        DeviceManifest manifest = CommunityLayout.manifest(plan, "tcp://h:1883", id -> "s");
        assertThat(manifest.devices()).hasSize(plan.deviceCount());
        assertThat(manifest.devices().stream().map(DeviceManifest.Device::communityId).distinct())
                .containsExactly("pine-1", "pine-2");
        DeviceManifest.Device detector = manifest.devices().stream().filter(d -> d.id().equals("pine-2-b2-503-det"))
                .findFirst().orElseThrow();
        assertThat(detector.floor()).isEqualTo(5);
        assertThat(detector.buildingId()).isEqualTo("pine-2-b2");
        assertThat(detector.attributes()).containsEntry("heartbeatInterval", "PT6H").containsEntry("household", "503");
        DeviceManifest.Device gate = manifest.devices().stream().filter(d -> d.id().equals("pine-1-gate-1"))
                .findFirst().orElseThrow();
        assertThat(gate.attributes().get("plates").split(",")).hasSize(30).doesNotHaveDuplicates();
        assertThat(gate.attributes()).containsEntry("gate", "gate-1");
        // the same plan lays out the same community
        assertThat(CommunityLayout.manifest(plan, "tcp://h:1883", id -> "s")).isEqualTo(manifest);
    }

    @Test
    void aMistakeInAPlanFileNamesTheLineAndKey() throws IOException {
        Path unknown = Files.writeString(dir.resolve("a.yaml"), "buildings: 2\nflors: 5\n");
        assertThatThrownBy(() -> CommunityPlan.read(unknown)).hasMessageContaining("a.yaml:2")
                .hasMessageContaining("flors");
        Path bad = Files.writeString(dir.resolve("b.yaml"), "buildings: 2\nfloors: 500\n");
        assertThatThrownBy(() -> CommunityPlan.read(bad)).hasMessageContaining("'floors' is 500: expected 1 to 100");
        Path wrongType = Files.writeString(dir.resolve("c.yaml"), "buildings: many\n");
        assertThatThrownBy(() -> CommunityPlan.read(wrongType)).hasMessageContaining("c.yaml:1");
    }

    @Test
    void secretsAreRandomAndLongEnoughForThePlatform() {
        var secrets = java.util.stream.IntStream.range(0, 100).mapToObj(i -> CommunityGenerator.newSecret())
                .collect(Collectors.toSet());
        assertThat(secrets).hasSize(100).allSatisfy(s -> assertThat(s).hasSize(32).matches("[A-Za-z0-9_-]+"));
    }
}
