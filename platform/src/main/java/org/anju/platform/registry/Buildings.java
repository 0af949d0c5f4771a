package org.anju.platform.registry;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.UnitOfWork;

/**
 * What other capabilities read and add of buildings and their units inside their own transaction:
 * the names of buildings and units (for addresses), a community's buildings, and the units of a
 * building, created on first use (estate's households name their unit; nothing else provisions
 * units). The registry owns {@code buildings} and {@code units}; nobody else names them in SQL.
 * <p>
 * Every method runs on the caller's {@link UnitOfWork.Tx} and throws its {@link SQLException},
 * which the caller's unit of work maps.
 */
public final class Buildings {

    private Buildings() {
    }

    /** A unit (单元) of a building, by the id its rows are keyed by and its name. */
    public record Unit(String id, String buildingId, String name) {
    }

    /** Returns the community of each of the buildings that exist. */
    public static Map<String, String> communities(UnitOfWork.Tx tx, Collection<String> buildingIds) throws SQLException {
        return pairs(tx, "SELECT id, community_id FROM buildings WHERE id = ANY (?)", buildingIds);
    }

    /** Returns the name of each of the buildings that exist. */
    public static Map<String, String> names(UnitOfWork.Tx tx, Collection<String> buildingIds) throws SQLException {
        return pairs(tx, "SELECT id, name FROM buildings WHERE id = ANY (?)", buildingIds);
    }

    /** Returns each of the units that exist, by id. */
    public static Map<String, Unit> units(UnitOfWork.Tx tx, Collection<String> unitIds) throws SQLException {
        Map<String, Unit> units = new HashMap<>();
        tx.query("SELECT id, building_id, name FROM units WHERE id = ANY (?)",
                rs -> units.put(rs.getString(1), new Unit(rs.getString(1), rs.getString(2), rs.getString(3))),
                (Object) unitIds.toArray(String[]::new));
        return units;
    }

    /**
     * Returns the building's units with these names, creating those that do not exist (with id
     * {@code <buildingId>:<name>}); keys are the names.
     */
    public static Map<String, Unit> ensureUnits(UnitOfWork.Tx tx, String buildingId, Collection<String> names)
            throws SQLException {
        List<String> distinct = names.stream().distinct().toList();
        tx.batch("INSERT INTO units (id, building_id, name) VALUES (?, ?, ?) ON CONFLICT (building_id, name) DO NOTHING",
                distinct, name -> new Object[] {buildingId + ":" + name, buildingId, name});
        Map<String, Unit> units = new HashMap<>();
        tx.query("SELECT id, building_id, name FROM units WHERE building_id = ? AND name = ANY (?)",
                rs -> units.put(rs.getString(3), new Unit(rs.getString(1), rs.getString(2), rs.getString(3))),
                buildingId, distinct.toArray(String[]::new));
        return units;
    }

    private static Map<String, String> pairs(UnitOfWork.Tx tx, String sql, Collection<String> ids) throws SQLException {
        Map<String, String> pairs = new HashMap<>();
        tx.query(sql, rs -> pairs.put(rs.getString(1), rs.getString(2)), (Object) ids.toArray(String[]::new));
        return pairs;
    }
}
