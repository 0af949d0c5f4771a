package org.anju.platform.provisioning;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;

import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.registry.Registrar.HashedCredential;
import org.anju.platform.registry.Registrar;
import org.anju.platform.registry.RegistryChange.StoredBuilding;
import org.anju.platform.registry.RegistryChange.StoredCommunity;
import org.anju.platform.registry.RegistryChange.StoredCredential;
import org.anju.platform.registry.RegistryChange.StoredDevice;
import org.anju.platform.registry.RegistryChange;
import org.anju.platform.storage.UnitOfWork;

/**
 * Provisions tenants, communities with their buildings, and devices with their credentials, in
 * bulk and idempotently: each request is one transaction; an item already stored exactly as
 * requested is left unchanged; one stored differently is a conflict (409) that names it, and then
 * nothing of the request is written.
 * <p>
 * Device secrets are hashed with bcrypt at {@link #DEVICE_SECRET_BCRYPT_COST}, on every core (the
 * common fork-join pool plus the calling worker). The low cost is deliberate: bcrypt's work factor
 * protects guessable passwords, while provisioned secrets are machine-made and at least
 * {@value ProvisioningRequests#MIN_SECRET_LENGTH} characters long; at cost 10 one hash takes about
 * 64 ms on this project's 2-core machines, so 10,000 devices would take minutes.
 * <p>
 * Methods block on JDBC and bcrypt: call them from a worker thread.
 */
public final class CommunityProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(CommunityProvisioning.class);

    /** bcrypt work factor of provisioned device secrets (about 4 ms a hash). */
    public static final int DEVICE_SECRET_BCRYPT_COST = 6;

    private final Registrar registrar;
    private final PasswordHasher hasher;
    private final TrustedCaProvisioning trustedCas;
    private final DeviceSwitches deviceSwitches;

    public CommunityProvisioning(Registrar registrar, PasswordHasher deviceSecretHasher) {
        this.registrar = registrar;
        this.hasher = deviceSecretHasher;
        this.trustedCas = new TrustedCaProvisioning(registrar);
        this.deviceSwitches = new DeviceSwitches(registrar);
    }

    /** Returns what takes devices out of service and back. */
    public DeviceSwitches deviceSwitches() {
        return deviceSwitches;
    }

    /** Returns the provisioning of the tenants' trusted CAs (devices' client certificates). */
    public TrustedCaProvisioning trustedCas() {
        return trustedCas;
    }

    /**
     * Creates a tenant, or finds it unchanged.
     *
     * @throws ClientError 409 when it exists with another name
     */
    public ProvisioningResult tenant(String tenantId, String name) {
        List<ProvisioningResult.ItemOutcome> outcome = new ArrayList<>();
        registrar.inOneTransaction(tx -> {
            tx.lock();
            String storedName = tx.tenantName(tenantId).orElse(null);
            if (storedName != null && !storedName.equals(name)) {
                throw new ClientError(ClientError.CONFLICT, "tenant '" + tenantId + "' exists with name '"
                        + storedName + "', not '" + name + "'");
            }
            if (storedName == null) {
                tx.tenant(tenantId, name);
            }
            outcome.add(new ProvisioningResult.ItemOutcome(tenantId, storedName == null ? ProvisioningResult.CREATED
                    : ProvisioningResult.UNCHANGED));
        });
        return ProvisioningResult.of(tenantId, null, outcome);
    }

    /** Work done in the transaction that creates a community (e.g. giving it to its creator). */
    @FunctionalInterface
    public interface OnCreated {
        void created(UnitOfWork.Tx tx, String communityId) throws SQLException;
    }

    /** Decides, in the transaction, whether the caller may provision a community that exists already. */
    @FunctionalInterface
    public interface MayChangeExisting {
        /** @throws ClientError 403 when the caller may not */
        void check(String communityId);

        /** Any existing community of the tenant (a platform administrator). */
        MayChangeExisting ANY = communityId -> { };
    }

    /**
     * Creates a community and its buildings, or finds them unchanged; new buildings may be added
     * to an existing community.
     *
     * @throws ClientError as {@link #community(String, String, CommunitySpec, OnCreated)}
     */
    public ProvisioningResult community(String tenantId, String communityId, CommunitySpec spec) {
        return community(tenantId, communityId, spec, (tx, id) -> { });
    }

    /**
     * Creates a community and its buildings, or finds them unchanged; new buildings may be added
     * to an existing community. {@code onCreated} runs in the same transaction when the community
     * is new.
     *
     * @throws ClientError 404 when the tenant does not exist; 409 when the community id is another
     *                     tenant's or the community is stored with other details
     * @throws ProvisioningRejected 409 naming each building stored differently
     */
    public ProvisioningResult community(String tenantId, String communityId, CommunitySpec spec, OnCreated onCreated) {
        return community(tenantId, communityId, spec, onCreated, MayChangeExisting.ANY);
    }

    /**
     * As {@link #community(String, String, CommunitySpec, OnCreated)}; {@code mayChange} is asked,
     * in the same transaction, before an existing community (or new buildings of it) is touched.
     */
    public ProvisioningResult community(String tenantId, String communityId, CommunitySpec spec, OnCreated onCreated,
            MayChangeExisting mayChange) {
        List<ProvisioningResult.ItemOutcome> outcomes = new ArrayList<>();
        registrar.inOneTransaction(tx -> {
            tx.lock();
            requireTenant(tx, tenantId);
            StoredCommunity existing = tx.storedCommunity(communityId).orElse(null);
            if (existing == null) {
                tx.community(new Registrar.Community(communityId, tenantId, spec.name(), spec.address(), spec.lat(),
                        spec.lon()));
                onCreated.created(tx.tx(), communityId);
            } else {
                if (existing.tenantId().equals(tenantId)) {
                    mayChange.check(communityId);
                }
                checkSameCommunity(communityId, tenantId, existing, spec);
            }
            outcomes.add(new ProvisioningResult.ItemOutcome(communityId,
                    existing == null ? ProvisioningResult.CREATED : ProvisioningResult.UNCHANGED));
            List<BuildingSpec> toCreate = newBuildings(tx, communityId, spec.buildings(), outcomes);
            tx.buildings(toCreate.stream().map(b -> new Registrar.Building(b.id(), communityId, b.name(),
                    orZero(b.floorsAbove()), orZero(b.floorsBelow()))).toList());
        });
        return ProvisioningResult.of(tenantId, communityId, outcomes);
    }

    /**
     * Creates devices of a community with their password credentials, or finds them unchanged.
     *
     * @throws ClientError 404 when the tenant or community does not exist (or the community is another tenant's)
     * @throws ProvisioningRejected 400 for a building that is not the community's; 409 naming each
     *                              device or credential stored differently (including another secret)
     */
    public ProvisioningResult devices(String tenantId, String communityId, List<DeviceSpec> specs) {
        long started = System.nanoTime();
        long[] bcryptNanos = new long[1];
        List<ProvisioningResult.ItemOutcome> outcomes = new ArrayList<>();
        registrar.inOneTransaction(tx -> {
            tx.lock();
            requireTenant(tx, tenantId);
            StoredCommunity community = tx.storedCommunity(communityId).orElse(null);
            if (community == null || !community.tenantId().equals(tenantId)) {
                throw ClientError.notFound("no community '" + communityId + "' in tenant '" + tenantId + "'");
            }
            checkBuildings(tx, communityId, specs);
            Map<String, StoredDevice> devices = tx.storedDevices(specs.stream().map(DeviceSpec::id).toList());
            Map<String, StoredCredential> credentials = tx.storedCredentials(tenantId,
                    specs.stream().map(DeviceSpec::authId).toList());
            DeviceComparison comparison = new DeviceComparison(tenantId, communityId, hasher);
            long comparing = System.nanoTime();
            List<ItemError> conflicts = comparison.conflicts(specs, devices, credentials);
            bcryptNanos[0] += System.nanoTime() - comparing;
            if (!conflicts.isEmpty()) {
                throw ProvisioningRejected.conflict(conflicts);
            }
            List<DeviceSpec> newDevices = specs.stream().filter(d -> !devices.containsKey(d.id())).toList();
            List<DeviceSpec> newCredentials = specs.stream().filter(d -> !credentials.containsKey(d.authId())).toList();
            tx.devices(newDevices.stream().map(d -> new Registrar.Device(d.id(), tenantId, communityId, d.type(),
                    d.name(), d.buildingId(), d.floor(), d.location(), null, null, d.attributes())).toList());
            long hashing = System.nanoTime();
            List<HashedCredential> hashed = hashAll(tenantId, newCredentials);
            bcryptNanos[0] += System.nanoTime() - hashing;
            tx.credentials(hashed);
            Set<String> createdDevices = newDevices.stream().map(DeviceSpec::id).collect(Collectors.toSet());
            Set<String> createdCredentials = newCredentials.stream().map(DeviceSpec::id).collect(Collectors.toSet());
            for (DeviceSpec d : specs) {
                boolean created = createdDevices.contains(d.id()) || createdCredentials.contains(d.id());
                outcomes.add(new ProvisioningResult.ItemOutcome(d.id(),
                        created ? ProvisioningResult.CREATED : ProvisioningResult.UNCHANGED));
            }
        });
        ProvisioningResult result = ProvisioningResult.of(tenantId, communityId, outcomes);
        LOG.info("devices provisioned [tenant: {}, community: {}]: {} created, {} unchanged in {} ms ({} ms of bcrypt)",
                tenantId, communityId, result.created(), result.unchanged(), (System.nanoTime() - started) / 1_000_000,
                bcryptNanos[0] / 1_000_000);
        return result;
    }

    /** Hashes the secrets on every core; the order of the result is the order of the devices. */
    private List<HashedCredential> hashAll(String tenantId, List<DeviceSpec> devices) {
        return devices.parallelStream()
                .map(d -> new HashedCredential(tenantId, d.authId(), d.id(), hasher.hash(d.secret())))
                .toList();
    }

    private static void requireTenant(RegistryChange tx, String tenantId) throws SQLException {
        if (!tx.tenantExists(tenantId)) {
            throw ClientError.notFound("no tenant '" + tenantId + "'");
        }
    }

    private static void checkSameCommunity(String id, String tenantId, StoredCommunity stored, CommunitySpec spec) {
        if (!stored.tenantId().equals(tenantId)) {
            throw new ClientError(ClientError.CONFLICT, "community id '" + id + "' is taken by another tenant");
        }
        List<String> differences = new ArrayList<>();
        Differences.add(differences, "name", stored.name(), spec.name());
        Differences.add(differences, "address", stored.address(), spec.address());
        Differences.add(differences, "lat", stored.lat(), spec.lat());
        Differences.add(differences, "lon", stored.lon(), spec.lon());
        if (!differences.isEmpty()) {
            throw new ClientError(ClientError.CONFLICT, "community '" + id + "' exists with other details: "
                    + String.join(", ", differences));
        }
    }

    private static List<BuildingSpec> newBuildings(RegistryChange tx, String communityId,
            List<BuildingSpec> specs, List<ProvisioningResult.ItemOutcome> outcomes) throws SQLException {
        List<StoredBuilding> existing = tx.storedBuildings(communityId, specs.stream().map(BuildingSpec::id).toList());
        List<ItemError> conflicts = new ArrayList<>();
        List<BuildingSpec> toCreate = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            BuildingSpec b = specs.get(i);
            StoredBuilding sameId = existing.stream().filter(s -> s.id().equals(b.id())).findFirst().orElse(null);
            StoredBuilding sameName = existing.stream()
                    .filter(s -> s.communityId().equals(communityId) && s.name().equals(b.name())).findFirst().orElse(null);
            if (sameId == null && sameName != null) {
                conflicts.add(new ItemError("buildings", i, "name", "building '" + sameName.id()
                        + "' of the community already has the name '" + b.name() + "'"));
            } else if (sameId != null && !sameId.communityId().equals(communityId)) {
                conflicts.add(new ItemError("buildings", i, "id", "building id '" + b.id()
                        + "' is taken by another community"));
            } else if (sameId != null) {
                List<String> differences = new ArrayList<>();
                Differences.add(differences, "name", sameId.name(), b.name());
                Differences.add(differences, "floorsAbove", sameId.floorsAbove(), orZero(b.floorsAbove()));
                Differences.add(differences, "floorsBelow", sameId.floorsBelow(), orZero(b.floorsBelow()));
                if (!differences.isEmpty()) {
                    conflicts.add(new ItemError("buildings", i, null, "building '" + b.id()
                            + "' exists with other details: " + String.join(", ", differences)));
                }
                outcomes.add(new ProvisioningResult.ItemOutcome(b.id(), ProvisioningResult.UNCHANGED));
            } else {
                toCreate.add(b);
                outcomes.add(new ProvisioningResult.ItemOutcome(b.id(), ProvisioningResult.CREATED));
            }
        }
        if (!conflicts.isEmpty()) {
            throw ProvisioningRejected.conflict(conflicts);
        }
        return toCreate;
    }

    private static void checkBuildings(RegistryChange tx, String communityId, List<DeviceSpec> specs)
            throws SQLException {
        Set<String> own = tx.storedBuildings(communityId, List.of()).stream().map(StoredBuilding::id)
                .collect(Collectors.toSet());
        List<ItemError> errors = IntStream.range(0, specs.size())
                .filter(i -> specs.get(i).buildingId() != null && !own.contains(specs.get(i).buildingId()))
                .mapToObj(i -> new ItemError("devices", i, "buildingId", "no building '" + specs.get(i).buildingId()
                        + "' in community '" + communityId + "' (provision it with the community first)"))
                .toList();
        if (!errors.isEmpty()) {
            throw ProvisioningRejected.invalid(errors);
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** Lists the fields whose stored and requested values differ. */
    static final class Differences {

        private Differences() {
        }

        static void add(List<String> differences, String field, Object stored, Object requested) {
            if (!Objects.equals(stored, requested)) {
                differences.add(field + " is " + quote(stored) + ", request says " + quote(requested));
            }
        }

        private static String quote(Object value) {
            return value == null ? "empty" : value instanceof String ? "'" + value + "'" : value.toString();
        }
    }
}
