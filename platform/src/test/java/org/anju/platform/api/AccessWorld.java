package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.gateway.Device5;
import org.anju.platform.registry.Registrar;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The people and places the least-privilege tests act on: tenant {@code acme} with communities
 * {@code elm-court} (the property staff's and the resident's own) and {@code oak-yard} (the same
 * company's, not given to them), and tenant {@code birch} with {@code pine-park}. Each community
 * has one device of every type, and two cameras and two smoke detectors (so that alerts of one type
 * can storm), in one building; each device authenticates as {@code id@tenant} with {@link #SECRET}.
 */
final class AccessWorld {

    static final String OWN = Fixtures.COMMUNITY;
    static final String SIBLING = Fixtures.OTHER_COMMUNITY;
    static final String OTHER = "pine-park";
    static final String OTHER_TENANT = "birch";
    static final String SECRET = "access-device-secret";

    /** Who calls: one user per role, and nobody (no session). */
    enum Caller {
        PLATFORM_ADMIN("root", "platform_admin"),
        PROPERTY_ADMIN("pia", "property_admin"),
        OPERATOR("otto", "operator"),
        TECHNICIAN("tess", "technician"),
        CONTRACTOR("cora", "maintenance_contractor"),
        FIRE_BRIGADE("fred", "fire_brigade"),
        RESIDENT("rita", "resident"),
        ANONYMOUS(null, null);

        final String username;
        final String role;

        Caller(String username, String role) {
            this.username = username;
            this.role = role;
        }

        String password() {
            return username + "-password";
        }
    }

    /** A community of the world: its tenant, names as provisioned, and the prefix of its devices' ids. */
    record Place(String communityId, String tenantId, String tenantName, String name, String address, String prefix) {

        /** Returns the id of the place's device of a kind: camera(-2), detector(-2), panel, lift, locker, charger. */
        String device(String kind) {
            return prefix + "-" + kind;
        }
    }

    static final Map<String, Place> PLACES = Map.of(
            "own", new Place(OWN, Fixtures.TENANT, "Acme Property", "Elm Court", "1 Elm Road", "elm"),
            "sibling", new Place(SIBLING, Fixtures.TENANT, "Acme Property", "Oak Yard", "2 Oak Road", "oak"),
            "other", new Place(OTHER, OTHER_TENANT, "Birch Homes", "Pine Park", "3 Pine Street", "pine"));

    private static final Map<String, String> DEVICE_TYPES = Map.of("camera", "camera", "camera-2", "camera",
            "detector", "smoke_detector", "detector-2", "smoke_detector", "panel", "fire_panel", "lift", "elevator",
            "locker", "parcel_locker", "charger", "ev_charger");

    private final RunningPlatform running;
    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

    private AccessWorld(RunningPlatform running) {
        this.running = running;
    }

    /** Provisions the world on a running platform and logs every user in. */
    static AccessWorld build(RunningPlatform running) throws Exception {
        Registrar p = running.fixtures().registrar();
        p.tenant(OTHER_TENANT, PLACES.get("other").tenantName());
        p.community(new Registrar.Community(OTHER, OTHER_TENANT, "Pine Park", "3 Pine Street", null, null));
        for (Place place : PLACES.values()) {
            String building = place.prefix() + "-b1";
            if (!place.communityId().equals(OWN)) {
                p.building(new Registrar.Building(building, place.communityId(), "Building 1", 6, 1));
            }
            DEVICE_TYPES.forEach((kind, type) -> {
                String id = place.device(kind);
                p.device(new Registrar.Device(id, place.tenantId(), place.communityId(), type, "Test " + kind,
                        building, 3, "Corridor", null, null));
                p.deviceCredential(place.tenantId(), id, id, SECRET);
            });
        }
        for (Caller caller : List.of(Caller.PROPERTY_ADMIN, Caller.OPERATOR, Caller.TECHNICIAN, Caller.CONTRACTOR,
                Caller.RESIDENT)) {
            running.fixtures().user(caller.username, "Test " + caller.username, caller.password(), Fixtures.TENANT,
                    Set.of(caller.role), Set.of(OWN));
        }
        // users that no caller is, for the user administration rows (a password reset ends the user's
        // sessions, which must not be a caller's): one of the own community, one of no tenant
        running.fixtures().user("vic", "Test vic", "vic-password-long", Fixtures.TENANT, Set.of("operator"), Set.of(OWN));
        running.fixtures().user("fay", "Test fay", "fay-password-long", null, Set.of("fire_brigade"), Set.of());
        for (Caller caller : List.of(Caller.PLATFORM_ADMIN, Caller.FIRE_BRIGADE)) {
            running.fixtures().user(caller.username, "Test " + caller.username, caller.password(), null,
                    Set.of(caller.role), Set.of());
        }
        AccessWorld world = new AccessWorld(running);
        for (Caller caller : Caller.values()) {
            if (caller != Caller.ANONYMOUS) {
                world.tokens.put(caller, running.login(caller.username, caller.password()));
            }
        }
        return world;
    }

    RunningPlatform running() {
        return running;
    }

    /** Returns the caller's session token, null for {@link Caller#ANONYMOUS}. */
    String token(Caller caller) {
        return tokens.get(caller);
    }

    /** Publishes an event as the device, over MQTT 5, and requires it stored (PUBACK reason 0). */
    void publishEvent(String deviceId, String json) throws Exception {
        publish(deviceId, "event", json);
    }

    /** Publishes telemetry as the device and requires it stored. */
    void publishTelemetry(String deviceId, String json) throws Exception {
        publish(deviceId, "telemetry", json);
    }

    private void publish(String deviceId, String topic, String json) throws Exception {
        String tenant = PLACES.values().stream().filter(p -> deviceId.startsWith(p.prefix() + "-")).findFirst()
                .orElseThrow().tenantId();
        try (Device5 device = Device5.connect(running.mqttUri(), deviceId, deviceId + "@" + tenant, SECRET)) {
            assertThat(device.publishAndAwaitReason(topic, json)).as(deviceId + " " + json).isZero();
        }
    }
}
