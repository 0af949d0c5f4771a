package org.anju.platform.estate;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.anju.platform.estate.EstateResult.Outcome;
import org.anju.platform.estate.EstateSpec.CarParkSpec;
import org.anju.platform.estate.EstateSpec.Place;
import org.anju.platform.estate.EstateSpec.SpaceSpec;
import org.anju.platform.estate.ParkingSpaces.ParkingSpace;
import org.anju.platform.provisioning.ItemError;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * The car parks and parking spaces of one estate provisioning request, in its transaction: gate
 * cameras must be cameras of the community and guard one car park; a charger must be an
 * {@code ev_charger} of the community; a private space's owner must be a household of it.
 */
final class SpaceProvisioning {

    /** Finds the household at a place, stored or created by the same request; null when there is none. */
    @FunctionalInterface
    interface HouseholdLookup {
        Long at(Place place) throws SQLException;
    }

    private final UnitOfWork.Tx tx;
    private final String communityId;
    private final HouseholdLookup households;
    private final List<Outcome> outcomes;
    private final List<ItemError> invalid;
    private final List<ItemError> conflicts;
    private final Map<String, Long> carParkIds = new HashMap<>();

    SpaceProvisioning(UnitOfWork.Tx tx, String communityId, HouseholdLookup households, List<Outcome> outcomes,
            List<ItemError> invalid, List<ItemError> conflicts) {
        this.tx = tx;
        this.communityId = communityId;
        this.households = households;
        this.outcomes = outcomes;
        this.invalid = invalid;
        this.conflicts = conflicts;
    }

    void provision(List<CarParkSpec> parks, List<SpaceSpec> spaces) throws SQLException {
        ParkingSpaces.carParks(tx, communityId).forEach(p -> carParkIds.put(p.name(), p.id()));
        carParks(parks);
        spaces(spaces);
    }

    private void carParks(List<CarParkSpec> specs) throws SQLException {
        List<String> cameras = specs.stream().flatMap(p -> p.gateCameraIds().stream()).toList();
        Map<String, Devices.Place> places = Devices.places(tx, cameras);
        Map<String, Long> gates = EstateStore.gateCarParks(tx, cameras);
        for (int i = 0; i < specs.size(); i++) {
            CarParkSpec spec = specs.get(i);
            Long id = carParkIds.get(spec.name());
            boolean wrote = id == null;
            if (id == null) {
                id = EstateStore.insertCarPark(tx, communityId, spec.name());
                carParkIds.put(spec.name(), id);
            }
            for (String camera : spec.gateCameraIds()) {
                Devices.Place place = places.get(camera);
                Long guarded = gates.get(camera);
                if (!ofCommunity(place, "camera")) {
                    invalid.add(new ItemError("carParks", i, "gateCameraIds", "no camera '" + camera
                            + "' in community '" + communityId + "'"));
                } else if (guarded == null) {
                    EstateStore.insertGate(tx, camera, id);
                    gates.put(camera, id);
                    wrote = true;
                } else if (!guarded.equals(id)) {
                    conflicts.add(new ItemError("carParks", i, "gateCameraIds", "camera '" + camera
                            + "' guards another car park"));
                }
            }
            outcomes.add(new Outcome("carPark", spec.name(), id, wrote ? EstateResult.CREATED : EstateResult.UNCHANGED,
                    null));
        }
    }

    private void spaces(List<SpaceSpec> specs) throws SQLException {
        Map<String, ParkingSpace> stored = new HashMap<>();
        ParkingSpaces.ofCommunity(tx, communityId).forEach(s -> stored.put(s.number(), s));
        Map<String, Devices.Place> chargers = Devices.places(tx, specs.stream().map(SpaceSpec::charger)
                .filter(Objects::nonNull).toList());
        for (int i = 0; i < specs.size(); i++) {
            SpaceSpec spec = specs.get(i);
            ParkingSpace wanted = resolve(i, spec, chargers);
            if (wanted == null) {
                continue;
            }
            ParkingSpace existing = stored.get(spec.number());
            long id;
            if (existing == null) {
                EstateStore.insertSpace(tx, communityId, wanted);
                id = ParkingSpaces.byNumber(tx, communityId, spec.number()).orElseThrow().id();
            } else {
                id = existing.id();
                List<String> differences = EstateProvisioning.conflictsOf(
                        EstateProvisioning.difference("kind", existing.kind(), wanted.kind()),
                        EstateProvisioning.difference("ownership", existing.ownership(), wanted.ownership()),
                        EstateProvisioning.difference("owner", existing.ownerHouseholdId(), wanted.ownerHouseholdId()),
                        EstateProvisioning.difference("chargerDeviceId", existing.chargerDeviceId(),
                                wanted.chargerDeviceId()),
                        EstateProvisioning.difference("carPark", existing.carParkId(), wanted.carParkId()));
                if (!differences.isEmpty()) {
                    conflicts.add(new ItemError("parkingSpaces", i, null, "space " + spec.number()
                            + " exists with other details: " + String.join(", ", differences)));
                }
            }
            outcomes.add(new Outcome("parkingSpace", spec.number(), id, existing == null ? EstateResult.CREATED
                    : EstateResult.UNCHANGED, null));
        }
    }

    /** Returns the space as it should be stored, or null after recording why its references are not there. */
    private ParkingSpace resolve(int index, SpaceSpec spec, Map<String, Devices.Place> chargers) throws SQLException {
        int before = invalid.size();
        Long owner = null;
        if (spec.owner() != null) {
            owner = households.at(spec.owner());
            if (owner == null) {
                invalid.add(new ItemError("parkingSpaces", index, "owner", "no household " + spec.owner()
                        + " in community '" + communityId + "'"));
            }
        }
        if (spec.charger() != null && !ofCommunity(chargers.get(spec.charger()), "ev_charger")) {
            invalid.add(new ItemError("parkingSpaces", index, "chargerDeviceId", "no ev_charger '" + spec.charger()
                    + "' in community '" + communityId + "'"));
        }
        Long carPark = spec.carPark() == null ? null : carParkIds.get(spec.carPark());
        if (spec.carPark() != null && carPark == null) {
            invalid.add(new ItemError("parkingSpaces", index, "carPark", "no car park '" + spec.carPark()
                    + "' in community '" + communityId + "' (list it under carParks)"));
        }
        return invalid.size() > before ? null : new ParkingSpace(0, communityId, spec.number(), spec.kind(),
                spec.ownership(), owner, spec.charger(), carPark);
    }

    private boolean ofCommunity(Devices.Place device, String type) {
        return device != null && device.communityId().equals(communityId) && device.type().equals(type);
    }
}
