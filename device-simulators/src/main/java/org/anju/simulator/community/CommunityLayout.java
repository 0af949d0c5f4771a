package org.anju.simulator.community;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.anju.protocol.manifest.DeviceManifest;

import org.anju.simulator.scenario.Durations;

/**
 * Lays out the communities of a plan: buildings, and devices with their ids, places and
 * attributes. Deterministic: the same plan gives the same layout, so a generator run can be repeated.
 * <p>
 * Ids: building {@code c-b3}; its fire panel {@code c-b3-panel}; detectors {@code c-b3-502-det}
 * (household 502 = floor 5, door 2); elevators {@code c-elevator-2}, cameras {@code c-camera-2},
 * gate cameras {@code c-gate-1}, chargers {@code c-charger-4}, lockers {@code c-locker-1}, each
 * type numbered from 1 across the community in the {@code number} attribute (scenarios select
 * {@code elevator: 2} by it). The gate cameras know the residents' plates and the chargers the
 * households' charging cards of {@link EstateLayout}, so that plate reads and sessions bill them.
 */
public final class CommunityLayout {

    private CommunityLayout() {
    }

    /** A building. */
    public record Building(String id, String name, int floorsAbove) {
    }

    /**
     * A device.
     *
     * @param attributes         what the platform stores with it (its configuration)
     * @param simulatorAttributes what only the simulator needs (the residents' plates of a gate)
     */
    public record Device(String id, String type, String name, String buildingId, Integer floor, String location,
            Map<String, String> attributes, Map<String, String> simulatorAttributes) {
    }

    /** A community. */
    public record Community(String id, String name, List<Building> buildings, List<Device> devices) {
    }

    public static List<Community> of(CommunityPlan plan) {
        List<Community> communities = new ArrayList<>();
        for (int n = 1; n <= plan.communities(); n++) {
            communities.add(community(plan, plan.communityId(n),
                    plan.communities() == 1 ? plan.communityName() : plan.communityName() + " " + n));
        }
        return communities;
    }

    private static Community community(CommunityPlan plan, String c, String name) {
        List<Building> buildings = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        String heartbeat = Durations.parse(plan.heartbeatInterval()).orElseThrow().toString();
        int elevator = 0;
        int camera = 0;
        for (int b = 1; b <= plan.buildings(); b++) {
            String building = c + "-b" + b;
            buildings.add(new Building(building, "Building " + b, plan.floors()));
            devices.add(new Device(building + "-panel", "fire_panel", "Fire panel, building " + b, building, 1,
                    "Fire control room", Map.of("number", String.valueOf(b)), Map.of()));
            for (int f = 1; f <= plan.floors(); f++) {
                for (int h = 1; h <= plan.householdsPerFloor(); h++) {
                    String household = String.valueOf(f * 100 + h);
                    for (int k = 1; k <= plan.detectorsPerHousehold(); k++) {
                        String suffix = plan.detectorsPerHousehold() == 1 ? "" : "-" + k;
                        devices.add(new Device(building + "-" + household + "-det" + suffix, "smoke_detector",
                                "Smoke detector " + household + suffix + ", building " + b, building, f,
                                "Flat " + household, Map.of("heartbeatInterval", heartbeat, "household", household),
                                Map.of()));
                    }
                }
            }
            for (int e = 1; e <= plan.elevatorsPerBuilding(); e++) {
                elevator++;
                devices.add(new Device(c + "-elevator-" + elevator, "elevator", "Elevator " + e + ", building " + b,
                        building, null, "Shaft " + e, Map.of("number", String.valueOf(elevator),
                                "floors", String.valueOf(plan.floors())), Map.of()));
            }
            for (int k = 1; k <= plan.camerasPerBuilding(); k++) {
                camera++;
                devices.add(new Device(c + "-camera-" + camera, "camera", "Camera " + k + ", building " + b, building,
                        1, "Entrance " + k, Map.of("number", String.valueOf(camera)), Map.of()));
            }
        }
        EstateLayout.Estate estate = EstateLayout.of(plan, c);
        String plates = String.join(",", estate.plates());
        // the waybills name the estate's residents, so that their parcels reach them (docs/parcels.md)
        String phones = String.join(",", estate.phones());
        for (int g = 1; g <= plan.gates(); g++) {
            devices.add(new Device(c + "-gate-" + g, "camera", "Parking gate " + g, null, null, "Gate " + g,
                    Map.of("gate", "gate-" + g, "role", "parking_gate"), Map.of("plates", plates)));
        }
        for (int k = 1; k <= plan.chargers(); k++) {
            String id = c + "-charger-" + k;
            List<String> cards = estate.idTagsOf(id);
            devices.add(new Device(id, "ev_charger", "EV charger " + k, null, null, "Car park",
                    Map.of("number", String.valueOf(k), "connectors", "1"),
                    cards.isEmpty() ? Map.of() : Map.of("idTags", String.join(",", cards))));
        }
        for (int k = 1; k <= plan.lockers(); k++) {
            devices.add(new Device(c + "-locker-" + k, "parcel_locker", "Parcel locker " + k, null, null,
                    "Main gate", Map.of("number", String.valueOf(k), "compartments", "48"),
                    Map.of("recipientPhones", phones)));
        }
        return new Community(c, name, buildings, devices);
    }

    /**
     * Returns the manifest of the plan's devices.
     *
     * @param secretOf each device's secret, by device id
     */
    public static DeviceManifest manifest(CommunityPlan plan, String mqttUri, Function<String, String> secretOf) {
        List<DeviceManifest.Device> devices = new ArrayList<>();
        for (Community c : of(plan)) {
            for (Device d : c.devices()) {
                devices.add(new DeviceManifest.Device(d.id(), plan.tenantId(), d.id(), secretOf.apply(d.id()), d.type(),
                        c.id(), d.buildingId(), d.floor(), manifestAttributes(d)));
            }
        }
        return new DeviceManifest(mqttUri, devices);
    }

    /** Returns the manifest attributes of a device: the platform's and the simulator's. */
    static Map<String, String> manifestAttributes(Device d) {
        Map<String, String> all = new LinkedHashMap<>(d.attributes());
        all.putAll(d.simulatorAttributes());
        return all;
    }
}
