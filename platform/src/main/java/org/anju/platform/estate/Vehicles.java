package org.anju.platform.estate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.platform.storage.UnitOfWork;

/**
 * Reads the vehicles of households in the caller's transaction: the household of a plate in a
 * community (what visitor parking asks of every plate read), and a household's or community's
 * vehicles. Plates are stored normalised ({@link PlateFormat#normalise}); the lookups normalise
 * what they are given, so a read of {@code "京A·12345"} finds {@code "京A12345"}.
 * <p>
 * Every method runs on the caller's {@link UnitOfWork.Tx} and throws its {@link SQLException},
 * which the caller's unit of work maps.
 */
public final class Vehicles {

    private static final String COLUMNS = "v.id, v.community_id, v.household_id, v.plate, v.new_energy";

    private Vehicles() {
    }

    /** A household's vehicle; the plate is normalised and unique in the community. */
    public record Vehicle(long id, String communityId, long householdId, String plate, boolean newEnergy) {
    }

    /** Returns the vehicle with the plate in the community, if a household has registered it. */
    public static Optional<Vehicle> byPlate(UnitOfWork.Tx tx, String communityId, String plate) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM vehicles v WHERE v.community_id = ? AND v.plate = ?",
                Vehicles::vehicle, communityId, PlateFormat.normalise(plate));
    }

    /**
     * Returns, for those of the plates that households of the community have registered, the
     * household; keys are the plates as given.
     */
    public static Map<String, Long> householdsOfPlates(UnitOfWork.Tx tx, String communityId, Collection<String> plates)
            throws SQLException {
        Map<String, String> asGiven = new HashMap<>();
        plates.forEach(p -> asGiven.putIfAbsent(PlateFormat.normalise(p), p));
        Map<String, Long> households = new HashMap<>();
        tx.query("SELECT v.plate, v.household_id FROM vehicles v WHERE v.community_id = ? AND v.plate = ANY (?)",
                rs -> households.put(asGiven.get(rs.getString(1)), rs.getLong(2)), communityId,
                asGiven.keySet().toArray(String[]::new));
        return households;
    }

    /** Returns the household's vehicles, by plate. */
    public static List<Vehicle> ofHousehold(UnitOfWork.Tx tx, long householdId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM vehicles v WHERE v.household_id = ? ORDER BY v.plate",
                Vehicles::vehicle, householdId);
    }

    /** Returns the vehicles of the households, by household and plate. */
    public static List<Vehicle> ofHouseholds(UnitOfWork.Tx tx, Collection<Long> householdIds) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM vehicles v WHERE v.household_id = ANY (?) "
                + "ORDER BY v.household_id, v.plate", Vehicles::vehicle,
                (Object) householdIds.stream().mapToLong(Long::longValue).toArray());
    }

    /** Returns one page of the community's vehicles, by id: those after {@code afterId}, at most {@code limit}. */
    public static List<Vehicle> page(UnitOfWork.Tx tx, String communityId, long afterId, int limit)
            throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM vehicles v WHERE v.community_id = ? AND v.id > ? ORDER BY v.id "
                + "LIMIT ?", Vehicles::vehicle, communityId, afterId, limit);
    }

    private static Vehicle vehicle(ResultSet rs) throws SQLException {
        return new Vehicle(rs.getLong("id"), rs.getString("community_id"), rs.getLong("household_id"),
                rs.getString("plate"), rs.getBoolean("new_energy"));
    }
}
