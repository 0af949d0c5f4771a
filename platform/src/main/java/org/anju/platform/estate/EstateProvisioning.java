package org.anju.platform.estate;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.platform.auth.Actor;
import org.anju.platform.auth.ResidentLogins;
import org.anju.platform.auth.ResidentLogins.InitialPassword;
import org.anju.platform.estate.EstateResult.Outcome;
import org.anju.platform.estate.EstateSpec.HouseholdSpec;
import org.anju.platform.estate.EstateSpec.Place;
import org.anju.platform.estate.EstateSpec.ResidentSpec;
import org.anju.platform.estate.Households.Household;
import org.anju.platform.provisioning.ItemError;
import org.anju.platform.provisioning.ProvisioningRejected;
import org.anju.platform.registry.Buildings;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * Provisions a community's people and places in bulk and idempotently, like devices: each request
 * is one transaction; an item stored exactly as requested is left unchanged; an item stored
 * differently is a conflict (409) naming it, a reference to what is not there (a building of
 * another community, a charger that is not an ev_charger of the community) is invalid (400), and
 * then nothing of the request is written. New residents get a login with a generated initial
 * password, returned once in the result; existing residents of the tenant are linked.
 * <p>
 * Methods block on JDBC and bcrypt: call them from a worker thread.
 */
public final class EstateProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(EstateProvisioning.class);

    private final UnitOfWork db;
    private final ResidentLogins logins;

    public EstateProvisioning(UnitOfWork db, ResidentLogins logins) {
        this.db = db;
        this.logins = logins;
    }

    /**
     * Provisions the request in one transaction.
     *
     * @throws ClientError 404 when the community is not the tenant's
     * @throws ProvisioningRejected 400 naming each reference that is not there; 409 naming each
     *                              item stored differently (or a login that is not a resident's)
     */
    public EstateResult provision(Actor actor, String tenantId, String communityId, EstateSpec spec) {
        long started = System.nanoTime();
        Map<String, InitialPassword> passwords = logins.initialPasswordsForNew(spec.households().stream()
                .flatMap(h -> h.residents().stream()).map(ResidentSpec::username).distinct().toList());
        EstateResult result = db.inTransaction("estate provisioning", tx -> {
            EstateStore.lockCommunity(tx, communityId);
            if (!tenantId.equals(Devices.tenantOfCommunity(tx, communityId).orElse(null))) {
                throw ClientError.notFound("no community '" + communityId + "' in tenant '" + tenantId + "'");
            }
            Run run = new Run(tx, actor, tenantId, communityId, passwords);
            run.households(spec.households());
            new SpaceProvisioning(tx, communityId, run::householdAt, run.outcomes, run.invalid, run.conflicts)
                    .provision(spec.carParks(), spec.parkingSpaces());
            run.throwIfRejected();
            return EstateResult.of(tenantId, communityId, run.outcomes);
        });
        LOG.info("estate provisioned [tenant: {}, community: {}]: {} created, {} unchanged in {} ms", tenantId,
                communityId, result.created(), result.unchanged(), (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    /** One request's transaction: what it found, wrote and refused. */
    private final class Run {

        private final UnitOfWork.Tx tx;
        private final Actor actor;
        private final String tenantId;
        private final String communityId;
        private final Map<String, InitialPassword> passwords;
        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<ItemError> invalid = new ArrayList<>();
        private final List<ItemError> conflicts = new ArrayList<>();
        private final Map<String, Buildings.Unit> units = new HashMap<>();
        private Map<String, Household> stored;
        private Map<String, Households.Member> members;

        Run(UnitOfWork.Tx tx, Actor actor, String tenantId, String communityId, Map<String, InitialPassword> passwords) {
            this.tx = tx;
            this.actor = actor;
            this.tenantId = tenantId;
            this.communityId = communityId;
            this.passwords = passwords;
        }

        void households(List<HouseholdSpec> specs) throws SQLException {
            Set<String> buildings = new LinkedHashSet<>(specs.stream().map(h -> h.place().buildingId()).toList());
            Map<String, String> communities = Buildings.communities(tx, buildings);
            stored = EstateStore.householdsByPlace(tx, communityId);
            members = EstateStore.members(tx, communityId);
            for (int i = 0; i < specs.size(); i++) {
                HouseholdSpec h = specs.get(i);
                if (!communityId.equals(communities.get(h.place().buildingId()))) {
                    invalid.add(new ItemError("households", i, "buildingId", "no building '" + h.place().buildingId()
                            + "' in community '" + communityId + "' (provision it with the community first)"));
                    continue;
                }
                household(i, h);
            }
        }

        private void household(int index, HouseholdSpec h) throws SQLException {
            String unitId = unitId(h.place());
            Household existing = stored.get(EstateStore.placeKey(h.place().buildingId(), unitId, h.place().number()));
            long id;
            if (existing == null) {
                id = EstateStore.insertHousehold(tx, communityId, h.place().buildingId(), unitId, h.floor(),
                        h.place().number(), h.privateAreaM2());
                stored.put(EstateStore.placeKey(h.place().buildingId(), unitId, h.place().number()),
                        new Household(id, communityId, h.place().buildingId(), unitId, h.floor(), h.place().number(),
                                h.privateAreaM2()));
            } else {
                id = existing.id();
                differs(index, null, "household " + h.place(), conflictsOf(
                        difference("floor", existing.floor(), h.floor()),
                        difference("privateAreaM2", existing.privateAreaM2(), h.privateAreaM2())));
            }
            outcomes.add(new Outcome("household", h.place().toString(), id, existing == null ? EstateResult.CREATED
                    : EstateResult.UNCHANGED, null));
            for (int r = 0; r < h.residents().size(); r++) {
                resident(index, r, id, h.residents().get(r));
            }
            Map<String, Long> plateOwners = Vehicles.householdsOfPlates(tx, communityId,
                    h.vehicles().stream().map(PlateFormat.Plate::text).toList());
            for (int v = 0; v < h.vehicles().size(); v++) {
                PlateFormat.Plate plate = h.vehicles().get(v);
                Long owner = plateOwners.get(plate.text());
                if (owner == null) {
                    EstateStore.insertVehicle(tx, communityId, id, plate);
                } else if (owner != id) {
                    conflicts.add(new ItemError("households", index, "vehicles[" + v + "]", "plate " + plate.text()
                            + " is registered to another household of the community"));
                }
                outcomes.add(new Outcome("vehicle", plate.text(), null, owner == null ? EstateResult.CREATED
                        : EstateResult.UNCHANGED, null));
            }
            Map<String, Long> tagOwners = EstateStore.idTagHouseholds(tx, communityId, h.idTags());
            for (int t = 0; t < h.idTags().size(); t++) {
                String tag = h.idTags().get(t);
                Long owner = tagOwners.get(tag);
                if (owner == null) {
                    EstateStore.insertIdTag(tx, communityId, tag, id);
                } else if (owner != id) {
                    conflicts.add(new ItemError("households", index, "idTags[" + t + "]", "id tag " + tag
                            + " belongs to another household of the community"));
                }
                outcomes.add(new Outcome("idTag", tag, null, owner == null ? EstateResult.CREATED
                        : EstateResult.UNCHANGED, null));
            }
        }

        private void resident(int index, int r, long householdId, ResidentSpec spec) throws SQLException {
            String field = "residents[" + r + "]";
            ResidentLogins.Provisioned login;
            try {
                login = logins.provision(tx, actor, tenantId, communityId, spec.username(), spec.displayName(),
                        passwords.get(spec.username()));
            } catch (ClientError e) {
                conflicts.add(new ItemError("households", index, field + ".username", e.getMessage()));
                return;
            }
            Households.Member existing = members.get(householdId + "/" + spec.username());
            if (existing == null) {
                EstateStore.insertMember(tx, householdId, spec.username(), spec.relation(), spec.since(), spec.until());
                members.put(householdId + "/" + spec.username(), new Households.Member(householdId, spec.username(),
                        spec.relation(), spec.since(), spec.until()));
            } else {
                differs(index, field, "membership of " + spec.username(), conflictsOf(
                        difference("relation", existing.relation().wireName(), spec.relation().wireName()),
                        difference("since", existing.since(), spec.since()),
                        difference("until", existing.until(), spec.until())));
            }
            outcomes.add(new Outcome("resident", spec.username(), householdId, existing == null
                    ? EstateResult.CREATED : EstateResult.UNCHANGED, login.initialPassword()));
        }

        /** Returns the id of the household at the place, stored or created by this request; null when there is none. */
        Long householdAt(Place place) throws SQLException {
            if (stored == null) {
                stored = EstateStore.householdsByPlace(tx, communityId);
            }
            if (!communityId.equals(Buildings.communities(tx, List.of(place.buildingId())).get(place.buildingId()))) {
                return null;
            }
            Household h = stored.get(EstateStore.placeKey(place.buildingId(), unitId(place), place.number()));
            return h == null ? null : h.id();
        }

        private String unitId(Place place) throws SQLException {
            if (place.unit() == null) {
                return null;
            }
            String key = place.buildingId() + "\u0000" + place.unit();
            if (!units.containsKey(key)) {
                units.put(key, Buildings.ensureUnits(tx, place.buildingId(), List.of(place.unit())).get(place.unit()));
            }
            return units.get(key).id();
        }

        private void differs(int index, String field, String what, List<String> differences) {
            if (!differences.isEmpty()) {
                conflicts.add(new ItemError("households", index, field, what + " exists with other details: "
                        + String.join(", ", differences)));
            }
        }

        void throwIfRejected() {
            if (!invalid.isEmpty()) {
                throw new ProvisioningRejected(ClientError.BAD_REQUEST, invalid);
            }
            if (!conflicts.isEmpty()) {
                throw new ProvisioningRejected(ClientError.CONFLICT, conflicts);
            }
        }
    }

    /** Returns the differences found, leaving out the nulls of fields that are the same. */
    static List<String> conflictsOf(String... differences) {
        return Arrays.stream(differences).filter(Objects::nonNull).toList();
    }

    /** Returns "field is X, request says Y" when they differ (numbers compared by value), else null. */
    static String difference(String field, Object stored, Object requested) {
        boolean same = stored instanceof BigDecimal a && requested instanceof BigDecimal b
                ? a.compareTo(b) == 0 : Objects.equals(stored, requested);
        return same ? null : field + " is " + (stored == null ? "empty" : stored) + ", request says "
                + (requested == null ? "empty" : requested);
    }
}
