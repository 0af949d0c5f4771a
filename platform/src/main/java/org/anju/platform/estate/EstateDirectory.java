package org.anju.platform.estate;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.estate.Households.Household;
import org.anju.platform.estate.Households.Membership;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.registry.Buildings;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * The read side of the estate API: a resident's households, one household, and a community's
 * households, vehicles and spaces a page at a time, each authorized by {@link ResidentAccess}
 * before anything is revealed. "Today" is the day in the community time zone.
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
public final class EstateDirectory {

    private final UnitOfWork db;
    private final Clock clock;
    private final ZoneId zone;

    /** @param zone the zone whose day decides which memberships hold (rollup.dayZone) */
    public EstateDirectory(UnitOfWork db, Clock clock, ZoneId zone) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
    }

    /** Returns the households the user belongs to today, with what belongs to them; none for staff. */
    public List<HouseholdView> mine(Principal user) {
        return db.read("households", tx -> {
            List<HouseholdView> views = new ArrayList<>();
            for (Membership m : ResidentAccess.householdsOf(tx, user, today())) {
                views.add(view(tx, m.household(), Optional.of(m)));
            }
            return views;
        });
    }

    /**
     * Returns a household the user may read.
     *
     * @throws ClientError as {@link ResidentAccess#requireHousehold}
     */
    public HouseholdView household(Principal user, long householdId) {
        return db.read("households", tx -> {
            Optional<Membership> own = ResidentAccess.requireHousehold(tx, user, householdId, today());
            return view(tx, Households.byId(tx, householdId).orElseThrow(), own);
        });
    }

    /**
     * Returns a page of the community's households, by id.
     *
     * @throws ClientError 403 when the user may not read them, 404 when the community does not exist
     */
    public Page<Household> households(Principal user, String communityId, ListRequest page) {
        return paged(user, communityId, page, (tx, after, size) -> Households.page(tx, communityId, after, size),
                Household::id);
    }

    /** Returns a page of the community's vehicles, by id. @throws ClientError as {@link #households} */
    public Page<Vehicles.Vehicle> vehicles(Principal user, String communityId, ListRequest page) {
        return paged(user, communityId, page, (tx, after, size) -> Vehicles.page(tx, communityId, after, size),
                Vehicles.Vehicle::id);
    }

    /** Returns a page of the community's parking spaces, by id. @throws ClientError as {@link #households} */
    public Page<ParkingSpaces.ParkingSpace> parkingSpaces(Principal user, String communityId, ListRequest page) {
        return paged(user, communityId, page, (tx, after, size) -> ParkingSpaces.page(tx, communityId, after, size),
                ParkingSpaces.ParkingSpace::id);
    }

    @FunctionalInterface
    private interface PageQuery<T> {
        List<T> rows(UnitOfWork.Tx tx, long afterId, int size) throws SQLException;
    }

    private <T> Page<T> paged(Principal user, String communityId, ListRequest page, PageQuery<T> query,
            java.util.function.ToLongFunction<T> id) {
        ResidentAccess.requireCommunity(user, communityId);
        long after = page.after() == null ? 0 : page.after().number(0);
        List<T> rows = db.read("households", tx -> {
            if (!Devices.communityExists(tx, communityId)) {
                throw ClientError.notFound("no community '" + communityId + "'");
            }
            return query.rows(tx, after, page.fetchSize());
        });
        return page.page(rows, row -> new Object[] {id.applyAsLong(row)});
    }

    private HouseholdView view(UnitOfWork.Tx tx, Household h, Optional<Membership> own) throws SQLException {
        String building = Buildings.names(tx, List.of(h.buildingId())).get(h.buildingId());
        Buildings.Unit unit = h.unitId() == null ? null : Buildings.units(tx, List.of(h.unitId())).get(h.unitId());
        return new HouseholdView(h, building, unit == null ? null : unit.name(),
                own.map(Membership::relation).orElse(null), own.map(Membership::since).orElse(null),
                own.map(Membership::until).orElse(null), Households.members(tx, h.id()),
                Vehicles.ofHousehold(tx, h.id()), ParkingSpaces.ownedBy(tx, List.of(h.id())),
                IdTags.ofHousehold(tx, h.id()));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
