package org.anju.platform.estate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.anju.platform.storage.UnitOfWork;

/**
 * Reads a community's parking spaces and car parks in the caller's transaction: a space by id or
 * number, the spaces a household owns, the space of a charger, and the car park a gate camera
 * guards (what visitor parking asks of every plate read).
 * <p>
 * Every method runs on the caller's {@link UnitOfWork.Tx} and throws its {@link SQLException},
 * which the caller's unit of work maps.
 */
public final class ParkingSpaces {

    private static final String COLUMNS = "s.id, s.community_id, s.number, s.kind, s.ownership, s.owner_household_id, "
            + "s.charger_device_id, s.car_park_id";

    private ParkingSpaces() {
    }

    /** Where a space is. */
    public enum Kind {
        SURFACE, UNDERGROUND, MECHANICAL;

        /** Returns the name used in the database and the API. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Returns the kind of a wire name, empty for an unknown one. */
        public static Optional<Kind> fromWireName(String name) {
            return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
        }
    }

    /** Who owns a space (Civil Code 275: spaces on common land belong to all owners). */
    public enum Ownership {
        /** The owners' together (common area); its rent tops up the maintenance fund. */
        COMMON,
        /** The developer's, not yet sold; rented out. */
        DEVELOPER,
        /** A household's own. */
        PRIVATE;

        /** Returns the name used in the database and the API. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Returns the ownership of a wire name, empty for an unknown one. */
        public static Optional<Ownership> fromWireName(String name) {
            return Arrays.stream(values()).filter(o -> o.wireName().equals(name)).findFirst();
        }
    }

    /**
     * A parking space.
     *
     * @param ownerHouseholdId the owning household of a private space; null otherwise
     * @param chargerDeviceId  the ev_charger at the space; null without one
     * @param carParkId        the gated car park it is in; null for a space on an open road
     */
    public record ParkingSpace(long id, String communityId, String number, Kind kind, Ownership ownership,
            Long ownerHouseholdId, String chargerDeviceId, Long carParkId) {
    }

    /** A gated car park and the LPR cameras at its gates (sorted). */
    public record CarPark(long id, String communityId, String name, List<String> gateCameraIds) {
    }

    /** Returns the space, if it exists. */
    public static Optional<ParkingSpace> byId(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM parking_spaces s WHERE s.id = ?", ParkingSpaces::space, id);
    }

    /** Returns the community's space with the number, if it exists. */
    public static Optional<ParkingSpace> byNumber(UnitOfWork.Tx tx, String communityId, String number)
            throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM parking_spaces s WHERE s.community_id = ? AND s.number = ?",
                ParkingSpaces::space, communityId, number);
    }

    /** Returns every space of the community, by number. */
    public static List<ParkingSpace> ofCommunity(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM parking_spaces s WHERE s.community_id = ? ORDER BY s.number",
                ParkingSpaces::space, communityId);
    }

    /** Returns one page of the community's spaces, by id: those after {@code afterId}, at most {@code limit}. */
    public static List<ParkingSpace> page(UnitOfWork.Tx tx, String communityId, long afterId, int limit)
            throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM parking_spaces s WHERE s.community_id = ? AND s.id > ? "
                + "ORDER BY s.id LIMIT ?", ParkingSpaces::space, communityId, afterId, limit);
    }

    /** Returns the private spaces the households own, by household and number. */
    public static List<ParkingSpace> ownedBy(UnitOfWork.Tx tx, Collection<Long> householdIds) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM parking_spaces s WHERE s.owner_household_id = ANY (?) "
                + "ORDER BY s.owner_household_id, s.number", ParkingSpaces::space,
                (Object) householdIds.stream().mapToLong(Long::longValue).toArray());
    }

    /** Returns the spaces served by the charger (usually one), by number. */
    public static List<ParkingSpace> ofCharger(UnitOfWork.Tx tx, String chargerDeviceId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM parking_spaces s WHERE s.charger_device_id = ? ORDER BY s.number",
                ParkingSpaces::space, chargerDeviceId);
    }

    /** Returns the car park whose gate the camera watches, if it watches one. */
    public static Optional<CarPark> carParkOfCamera(UnitOfWork.Tx tx, String cameraDeviceId) throws SQLException {
        Optional<Long> id = tx.one("SELECT g.car_park_id FROM car_park_gates g WHERE g.device_id = ?",
                rs -> rs.getLong(1), cameraDeviceId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return carParks(tx, "p.id = ?", id.get()).stream().findFirst();
    }

    /** Returns the community's car parks with their gate cameras, by name. */
    public static List<CarPark> carParks(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return carParks(tx, "p.community_id = ?", communityId);
    }

    private static List<CarPark> carParks(UnitOfWork.Tx tx, String where, Object parameter) throws SQLException {
        record Gate(long parkId, String communityId, String name, String cameraId) {
        }
        Map<Long, List<Gate>> gates = new LinkedHashMap<>();
        tx.query("SELECT p.id, p.community_id, p.name, g.device_id FROM car_parks p "
                + "LEFT JOIN car_park_gates g ON g.car_park_id = p.id WHERE " + where + " ORDER BY p.name, g.device_id",
                rs -> new Gate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), parameter)
                .forEach(g -> gates.computeIfAbsent(g.parkId(), id -> new ArrayList<>()).add(g));
        return gates.values().stream().map(rows -> new CarPark(rows.getFirst().parkId(), rows.getFirst().communityId(),
                rows.getFirst().name(), rows.stream().map(Gate::cameraId).filter(Objects::nonNull).toList())).toList();
    }

    private static ParkingSpace space(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        String ownership = rs.getString("ownership");
        long owner = rs.getLong("owner_household_id");
        Long ownerId = rs.wasNull() ? null : owner;
        long park = rs.getLong("car_park_id");
        Long parkId = rs.wasNull() ? null : park;
        return new ParkingSpace(rs.getLong("id"), rs.getString("community_id"), rs.getString("number"),
                Kind.fromWireName(kind).orElseThrow(() -> new IllegalStateException("unknown kind " + kind)),
                Ownership.fromWireName(ownership).orElseThrow(
                        () -> new IllegalStateException("unknown ownership " + ownership)),
                ownerId, rs.getString("charger_device_id"), parkId);
    }
}
