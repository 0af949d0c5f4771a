package org.anju.platform.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.anju.platform.auth.Actor;
import org.anju.platform.auth.Role;
import org.anju.platform.auth.UserAccounts;
import org.anju.platform.estate.EstateProvisioning;
import org.anju.platform.parcels.Parcels;
import org.anju.platform.provisioning.ProvisioningRejected;
import org.anju.platform.registry.Registrar;
import org.anju.protocol.DeviceType;
import org.anju.protocol.manifest.DeviceManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo: one property company, one community of three buildings, a few devices of every
 * type with credentials, four users (one a resident), and the households, vehicles and parking
 * spaces of {@link DemoEstate}. Idempotent: secrets generated on the first run are kept
 * in the data folder and reused, so data and logins survive restarts.
 */
public final class DemoCommunity {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommunity.class);
    public static final String TENANT = "anju-demo";
    public static final String COMMUNITY = "xingfu-garden";
    private static final int BUILDINGS = 3;
    private static final int FLOORS = 18;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** A demo user and the password it logs in with. */
    public record Login(String username, String password, String role) {
    }

    private final Path demoDir;
    private final SecureRandom random = new SecureRandom();

    public DemoCommunity(Path dataDir) {
        this.demoDir = dataDir.resolve("demo");
    }

    /** Returns the manifest of the demo devices, with their secrets. */
    public Path manifestFile() {
        return demoDir.resolve("devices.json");
    }

    /** Returns the development certificate clients trust for MQTT over TLS. */
    public Path tlsCertificate() {
        return demoDir.resolveSibling("tls").resolve("gateway-dev.pem");
    }

    /** Returns the file holding the demo logins. */
    public Path loginsFile() {
        return demoDir.resolve("logins.txt");
    }

    /**
     * Creates (or refreshes) the demo community and writes the manifest and logins.
     *
     * @return the demo logins
     */
    public List<Login> seed(Registrar registrar, UserAccounts users, EstateProvisioning estate, int devicesPerType,
            String mqttUri) throws IOException {
        registrar.tenant(TENANT, "安居物业 Anju Property Services");
        registrar.community(new Registrar.Community(COMMUNITY, TENANT, "幸福花园 Xingfu Garden",
                "88 Renmin Road, Gulou District, Nanjing", 32.0617, 118.7778));
        for (int b = 1; b <= BUILDINGS; b++) {
            registrar.building(new Registrar.Building(buildingId(b), COMMUNITY, "Building " + b, FLOORS, 1));
        }
        DeviceManifest manifest = seedDevices(registrar, devicesPerType, mqttUri);
        manifest.write(manifestFile());
        List<Login> logins = seedUsers(users);
        writeLogins(logins);
        seedEstate(estate, devicesPerType);
        return logins;
    }

    private DeviceManifest seedDevices(Registrar registrar, int perType, String mqttUri) throws IOException {
        Map<String, String> knownSecrets = knownSecrets();
        List<DeviceManifest.Device> devices = new ArrayList<>();
        for (DeviceType type : DeviceType.values()) {
            for (int i = 1; i <= perType; i++) {
                String id = COMMUNITY + "-" + type.wireName().replace('_', '-') + "-" + i;
                int building = 1 + (i - 1) % BUILDINGS;
                Integer floor = placedOnFloor(type, i);
                registrar.device(new Registrar.Device(id, TENANT, COMMUNITY, type.wireName(),
                        displayName(type, i), buildingId(building), floor, location(type, floor), null, null));
                String secret = knownSecrets.getOrDefault(id, newSecret(24));
                registrar.deviceCredential(TENANT, id, id, secret);
                // the lockers' waybills name the demo resident, so that her parcels show on the portal
                devices.add(type == DeviceType.PARCEL_LOCKER ? new DeviceManifest.Device(id, TENANT, id, secret,
                        type.wireName(), null, null, null, Map.of("recipientPhones", DemoEstate.RESIDENT_PHONE))
                        : new DeviceManifest.Device(id, TENANT, id, secret, type.wireName()));
            }
        }
        return new DeviceManifest(mqttUri, devices);
    }

    /** Registers the demo resident's mobile number for parcel notices (the lockers' deposits name it). */
    public void seedParcelRecipient(Parcels parcels, LocalDate today, Instant now) {
        parcels.registerPhone(DemoEstate.RESIDENT, DemoEstate.RESIDENT_PHONE, today, now);
    }

    private List<Login> seedUsers(UserAccounts users) throws IOException {
        Map<String, String> known = knownLogins();
        List<Login> logins = List.of(
                new Login("admin", known.getOrDefault("admin", newSecret(12)), "property_admin"),
                new Login("operator", known.getOrDefault("operator", newSecret(12)), "operator"),
                new Login("fire", known.getOrDefault("fire", newSecret(12)), "fire_brigade"),
                new Login(DemoEstate.RESIDENT, known.getOrDefault(DemoEstate.RESIDENT, newSecret(12)), "resident"));
        users.seed("admin", "物业管理员 Property admin", logins.get(0).password(), TENANT,
                Set.of(Role.PROPERTY_ADMIN), Set.of(COMMUNITY));
        users.seed("operator", "值班员 Control-room operator", logins.get(1).password(), TENANT,
                Set.of(Role.OPERATOR), Set.of(COMMUNITY));
        users.seed("fire", "消防支队 Fire brigade", logins.get(2).password(), null,
                Set.of(Role.FIRE_BRIGADE), Set.of());
        users.seed(DemoEstate.RESIDENT, "业主 Resident", logins.get(3).password(), TENANT, Set.of(Role.RESIDENT),
                Set.of(COMMUNITY));
        return logins;
    }

    /**
     * Provisions the households, vehicles, spaces and id tags of {@link DemoEstate} through estate's
     * provisioning, as an administrator would; a plan that conflicts with what an earlier demo
     * stored (another number of devices) is left as stored.
     */
    private static void seedEstate(EstateProvisioning estate, int perType) {
        List<String> buildings = new ArrayList<>();
        for (int b = 1; b <= BUILDINGS; b++) {
            buildings.add(buildingId(b));
        }
        List<String> cameras = new ArrayList<>();
        List<String> chargers = new ArrayList<>();
        for (int i = 1; i <= perType; i++) {
            cameras.add(COMMUNITY + "-camera-" + i);
            chargers.add(COMMUNITY + "-ev-charger-" + i);
        }
        try {
            estate.provision(Actor.commandLine(), TENANT, COMMUNITY, DemoEstate.plan(buildings, cameras, chargers));
        } catch (ProvisioningRejected e) {
            LOG.warn("demo households kept as an earlier demo stored them: {}", e.getMessage());
        }
    }

    private static Integer placedOnFloor(DeviceType type, int i) {
        return switch (type) {
            case SMOKE_DETECTOR -> 1 + (i * 5) % FLOORS;
            case EV_CHARGER -> -1;
            case ELEVATOR -> null;
            case CAMERA, PARCEL_LOCKER, FIRE_PANEL -> 1;
        };
    }

    private static String location(DeviceType type, Integer floor) {
        return switch (type) {
            case ELEVATOR -> "Lift shaft";
            case SMOKE_DETECTOR -> "Corridor, floor " + floor;
            case CAMERA -> "Entrance hall";
            case PARCEL_LOCKER -> "Lobby";
            case EV_CHARGER -> "Underground car park";
            case FIRE_PANEL -> "Fire control room";
        };
    }

    private static String displayName(DeviceType type, int i) {
        String base = switch (type) {
            case ELEVATOR -> "电梯 Elevator";
            case SMOKE_DETECTOR -> "烟感 Smoke detector";
            case CAMERA -> "摄像机 Camera";
            case PARCEL_LOCKER -> "快件箱 Parcel locker";
            case EV_CHARGER -> "充电桩 EV charger";
            case FIRE_PANEL -> "消防主机 Fire panel";
        };
        return base + " " + i;
    }

    private static String buildingId(int b) {
        return COMMUNITY + "-b" + b;
    }

    private Map<String, String> knownSecrets() throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (Files.exists(manifestFile())) {
            DeviceManifest.read(manifestFile()).devices().forEach(d -> secrets.put(d.id(), d.password()));
        }
        return secrets;
    }

    private Map<String, String> knownLogins() throws IOException {
        Map<String, String> logins = new LinkedHashMap<>();
        if (Files.exists(loginsFile())) {
            for (String line : Files.readAllLines(loginsFile())) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length >= 2 && !line.startsWith("#")) {
                    logins.put(parts[0], parts[1]);
                }
            }
        }
        return logins;
    }

    private void writeLogins(List<Login> logins) throws IOException {
        StringBuilder text = new StringBuilder("# user password role (demo only; generated on the first run)\n");
        logins.forEach(l -> text.append(l.username()).append(' ').append(l.password()).append(' ')
                .append(l.role()).append('\n'));
        Files.createDirectories(demoDir);
        Files.writeString(loginsFile(), text);
        Files.setPosixFilePermissions(loginsFile(), PosixFilePermissions.fromString("rw-------"));
    }

    private String newSecret(int length) {
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }

    /**
     * Writes what the launcher needs to run the simulated devices beside the platform: where they
     * connect, their manifest, how often they publish, and the embedded database's pid file (so
     * that a launcher whose platform was killed can stop the database too). {@code key=value} lines,
     * written whole (to a temporary file, then moved) so that a reader never sees half of it.
     */
    public void writeReadyFile(Path file, String mqttUri, Duration publishInterval, Optional<Path> postgresPidFile)
            throws IOException {
        String text = "mqtt=" + mqttUri + "\n"
                + "manifest=" + manifestFile().toAbsolutePath() + "\n"
                + "interval_seconds=" + Math.max(1, publishInterval.toSeconds()) + "\n"
                + "postgres_pid_file=" + postgresPidFile.map(p -> p.toAbsolutePath().toString()).orElse("") + "\n";
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, text);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Returns a login by user name, if the demo has it. */
    public static Optional<Login> find(List<Login> logins, String username) {
        return logins.stream().filter(l -> l.username().equals(username)).findFirst();
    }
}
