package org.anju.platform.estate;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.anju.platform.storage.UnitOfWork;

/** The SQL that writes the estate tables, for {@link EstateProvisioning}; in the caller's transaction. */
final class EstateStore {

    private EstateStore() {
    }

    /** Serializes provisioning of one community, so that two identical requests never both insert. */
    static void lockCommunity(UnitOfWork.Tx tx, String communityId) throws SQLException {
        tx.one("SELECT pg_advisory_xact_lock(hashtextextended('estate:' || ?, 0))", rs -> true, communityId);
    }

    /** Returns the community's households by (building, unit id or "", number). */
    static Map<String, Households.Household> householdsByPlace(UnitOfWork.Tx tx, String communityId)
            throws SQLException {
        Map<String, Households.Household> byPlace = new HashMap<>();
        for (Households.Household h : Households.ofCommunity(tx, communityId)) {
            byPlace.put(placeKey(h.buildingId(), h.unitId(), h.number()), h);
        }
        return byPlace;
    }

    static String placeKey(String buildingId, String unitId, String number) {
        return buildingId + "\u0000" + (unitId == null ? "" : unitId) + "\u0000" + number;
    }

    static long insertHousehold(UnitOfWork.Tx tx, String communityId, String buildingId, String unitId, int floor,
            String number, BigDecimal area) throws SQLException {
        return tx.one("INSERT INTO households (community_id, building_id, unit_id, floor, number, private_area_m2) "
                + "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1), communityId, buildingId, unitId, floor,
                number, area).orElseThrow();
    }

    /** Returns every membership of the community's households, by household id and user name. */
    static Map<String, Households.Member> members(UnitOfWork.Tx tx, String communityId) throws SQLException {
        Map<String, Households.Member> members = new HashMap<>();
        tx.query("SELECT m.household_id, m.username, m.relation, m.since, m.until FROM household_members m "
                + "JOIN households h ON h.id = m.household_id WHERE h.community_id = ?",
                rs -> new Households.Member(rs.getLong(1), rs.getString(2),
                        Relation.fromWireName(rs.getString(3)).orElseThrow(), Households.date(rs, "since"),
                        Households.date(rs, "until")), communityId)
                .forEach(m -> members.put(m.householdId() + "/" + m.username(), m));
        return members;
    }

    static void insertMember(UnitOfWork.Tx tx, long householdId, String username, Relation relation, LocalDate since,
            LocalDate until) throws SQLException {
        tx.update("INSERT INTO household_members (household_id, username, relation, since, until) VALUES (?, ?, ?, ?, ?)",
                householdId, username, relation.wireName(), since, until);
    }

    static void insertVehicle(UnitOfWork.Tx tx, String communityId, long householdId, PlateFormat.Plate plate)
            throws SQLException {
        tx.update("INSERT INTO vehicles (community_id, household_id, plate, new_energy) VALUES (?, ?, ?, ?)",
                communityId, householdId, plate.text(), plate.newEnergy());
    }

    /** Returns the household of each of the community's id tags among these. */
    static Map<String, Long> idTagHouseholds(UnitOfWork.Tx tx, String communityId, Collection<String> tags)
            throws SQLException {
        Map<String, Long> households = new HashMap<>();
        tx.query("SELECT t.id_tag, t.household_id FROM charging_id_tags t WHERE t.community_id = ? AND t.id_tag = ANY (?)",
                rs -> households.put(rs.getString(1), rs.getLong(2)), communityId, tags.toArray(String[]::new));
        return households;
    }

    static void insertIdTag(UnitOfWork.Tx tx, String communityId, String tag, long householdId) throws SQLException {
        tx.update("INSERT INTO charging_id_tags (community_id, id_tag, household_id) VALUES (?, ?, ?)", communityId, tag,
                householdId);
    }

    static long insertCarPark(UnitOfWork.Tx tx, String communityId, String name) throws SQLException {
        return tx.one("INSERT INTO car_parks (community_id, name) VALUES (?, ?) RETURNING id", rs -> rs.getLong(1),
                communityId, name).orElseThrow();
    }

    /** Returns the car park each of the cameras guards, among these. */
    static Map<String, Long> gateCarParks(UnitOfWork.Tx tx, Collection<String> cameraIds) throws SQLException {
        Map<String, Long> parks = new HashMap<>();
        tx.query("SELECT g.device_id, g.car_park_id FROM car_park_gates g WHERE g.device_id = ANY (?)",
                rs -> parks.put(rs.getString(1), rs.getLong(2)), (Object) cameraIds.toArray(String[]::new));
        return parks;
    }

    static void insertGate(UnitOfWork.Tx tx, String cameraId, long carParkId) throws SQLException {
        tx.update("INSERT INTO car_park_gates (device_id, car_park_id) VALUES (?, ?)", cameraId, carParkId);
    }

    static void insertSpace(UnitOfWork.Tx tx, String communityId, ParkingSpaces.ParkingSpace s) throws SQLException {
        tx.update("INSERT INTO parking_spaces (community_id, number, kind, ownership, owner_household_id, "
                + "charger_device_id, car_park_id) VALUES (?, ?, ?, ?, ?, ?, ?)", communityId, s.number(),
                s.kind().wireName(), s.ownership().wireName(), s.ownerHouseholdId(), s.chargerDeviceId(), s.carParkId());
    }
}
