package org.anju.simulator.community;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.anju.protocol.manifest.DeviceManifest;
import org.anju.simulator.AnjuVersion;

/**
 * {@code ./anju simulate generate}: provisions simulated communities on a platform and writes the
 * manifest the simulator runs from.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = AnjuVersion.class,
        description = {"Creates communities, buildings, devices and credentials through the platform's provisioning API,"
                + " then their households, residents, vehicles, parking spaces and charging cards through the estate"
                + " API, and writes the device manifest (secrets included, owner-only).",
                "Repeating it with the same plan and --out changes nothing (the manifest's secrets are reused)."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PlatformOptions platform;

    @Option(names = "--from", description = "A YAML plan file (keys as below in camelCase); options given too override it.")
    Path planFile;

    @Option(names = "--out", defaultValue = "data/community/devices.json",
            description = "The manifest to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--passwords", description = "Where the initial passwords of the resident logins this run creates"
            + " are appended, as CSV user,password, owner-only (default: resident-passwords.csv beside --out)."
            + " The platform shows them once; they are never printed or logged.")
    Path passwordsFile;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:1883",
            description = "The gateway the manifest's devices connect to (default: ${DEFAULT-VALUE}).")
    String mqttUri;

    @Option(names = "--tenant", description = "Tenant id (default: acme).")
    String tenant;
    @Option(names = "--community", description = "Community id, or id prefix with --communities > 1 (default: sim-court).")
    String community;
    @Option(names = "--name", description = "Community name.")
    String name;
    @Option(names = "--communities", description = "How many communities (default: 1).")
    Integer communities;
    @Option(names = "--buildings", description = "Buildings per community (default: 3).")
    Integer buildings;
    @Option(names = "--floors", description = "Floors per building (default: 6).")
    Integer floors;
    @Option(names = "--households-per-floor", description = "Households per floor (default: 4).")
    Integer householdsPerFloor;
    @Option(names = "--detectors-per-household", description = "Smoke detectors per household (default: 1).")
    Integer detectorsPerHousehold;
    @Option(names = "--elevators-per-building", description = "Elevators per building (default: 1).")
    Integer elevatorsPerBuilding;
    @Option(names = "--cameras-per-building", description = "Security cameras per building (default: 1).")
    Integer camerasPerBuilding;
    @Option(names = "--gates", description = "Parking-gate cameras per community (default: 2).")
    Integer gates;
    @Option(names = "--chargers", description = "EV chargers per community (default: 4).")
    Integer chargers;
    @Option(names = "--lockers", description = "Parcel lockers per community (default: 2).")
    Integer lockers;
    @Option(names = "--vehicles-per-household", description = "Residents' vehicles per household (default: 0.5).")
    Double vehiclesPerHousehold;
    @Option(names = "--heartbeat-interval", description = "Smoke detector heartbeat interval (default: 12h).")
    String heartbeatInterval;

    @Override
    public Integer call() throws Exception {
        CommunityPlan plan;
        DeviceManifest previous;
        try {
            plan = plan();
            previous = Files.exists(out) ? DeviceManifest.read(out) : null;
        } catch (IllegalArgumentException | IOException e) {
            spec.commandLine().getErr().println("generate: " + e.getMessage());
            return 2;
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "generate: %d communities, %d devices, on %s as %s%n", plan.communities(),
                plan.deviceCount(), platform.url, platform.user);
        CommunityGenerator.Result result;
        try {
            result = new CommunityGenerator(platform.login()).generate(plan, mqttUri, previous);
        } catch (IOException e) {
            spec.commandLine().getErr().println("generate: " + e.getMessage());
            return 1;
        }
        result.manifest().write(out);
        Path passwords = passwordsFile != null ? passwordsFile : out.resolveSibling("resident-passwords.csv");
        if (!result.passwords().isEmpty()) {
            appendPasswords(passwords, result.passwords());
        }
        console.printf(Locale.ROOT, "generate: %d created, %d unchanged in %.1f s; manifest %s%n", result.created(),
                result.unchanged(), result.elapsed().toMillis() / 1000.0, out);
        console.printf(Locale.ROOT, "generate: estate %d created, %d unchanged; %d new resident logins%s%n",
                result.estateCreated(), result.estateUnchanged(), result.passwords().size(),
                result.passwords().isEmpty() ? "" : ", initial passwords in " + passwords);
        console.flush();
        return 0;
    }

    /** Appends {@code user,password} lines to an owner-only file, creating it owner-only. */
    static void appendPasswords(Path file, Map<String, String> passwords) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        StringBuilder lines = new StringBuilder();
        passwords.forEach((user, password) -> lines.append(user).append(',').append(password).append('\n'));
        Files.writeString(file, lines, StandardOpenOption.APPEND);
    }

    private CommunityPlan plan() throws IOException {
        CommunityPlan p = planFile == null ? CommunityPlan.defaults() : CommunityPlan.read(planFile);
        return new CommunityPlan(or(tenant, p.tenantId()), or(community, p.communityPrefix()),
                or(name, p.communityName()), or(communities, p.communities()), or(buildings, p.buildings()),
                or(floors, p.floors()), or(householdsPerFloor, p.householdsPerFloor()),
                or(detectorsPerHousehold, p.detectorsPerHousehold()), or(elevatorsPerBuilding, p.elevatorsPerBuilding()),
                or(camerasPerBuilding, p.camerasPerBuilding()), or(gates, p.gates()), or(chargers, p.chargers()),
                or(lockers, p.lockers()), or(vehiclesPerHousehold, p.vehiclesPerHousehold()),
                or(heartbeatInterval, p.heartbeatInterval()));
    }

    private static <T> T or(T option, T planned) {
        return option != null ? option : planned;
    }
}
