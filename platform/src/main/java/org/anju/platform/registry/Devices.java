package org.anju.platform.registry;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * What other capabilities read of the registry inside their own transaction: where devices are,
 * their types, the devices of a community, and whether tenants and communities exist. The registry
 * owns {@code tenants}, {@code communities}, {@code buildings} and {@code devices}; nobody else
 * names them in SQL.
 * <p>
 * Every method runs on the caller's {@link UnitOfWork.Tx} and throws its {@link SQLException},
 * which the caller's unit of work maps.
 */
public final class Devices {

    private static final String PLACES = """
            SELECT d.id, d.tenant_id, d.community_id, d.type, d.building_id, b.name AS building, d.floor, d.location,
                   c.name AS community, c.address AS community_address
              FROM devices d JOIN communities c ON c.id = d.community_id LEFT JOIN buildings b ON b.id = d.building_id
             WHERE d.id = ANY (?)""";

    private Devices() {
    }

    /**
     * Where a device is, with the names of its community and building.
     *
     * @param buildingId null when the device belongs to no building
     * @param floor      null when unknown
     */
    public record Place(String deviceId, String tenantId, String communityId, String type, String buildingId,
            String building, Integer floor, String location, String community, String communityAddress) {
    }

    /** Returns where each of the devices is; unknown ids are left out. */
    public static Map<String, Place> places(UnitOfWork.Tx tx, Collection<String> deviceIds) throws SQLException {
        Map<String, Place> places = new HashMap<>();
        tx.query(PLACES, rs -> places.put(rs.getString("id"), new Place(rs.getString("id"), rs.getString("tenant_id"),
                rs.getString("community_id"), rs.getString("type"), rs.getString("building_id"),
                rs.getString("building"), Sql.integer(rs, "floor"), rs.getString("location"), rs.getString("community"),
                rs.getString("community_address"))), (Object) deviceIds.toArray(String[]::new));
        return places;
    }

    /** Returns the type (wire name) of each of the devices; unknown ids are left out. */
    public static Map<String, String> types(UnitOfWork.Tx tx, Collection<String> deviceIds) throws SQLException {
        return pairs(tx, "SELECT id, type FROM devices WHERE id = ANY (?)", deviceIds.toArray(String[]::new));
    }

    /** Returns the device's type (wire name), if the device exists. */
    public static Optional<String> typeOf(UnitOfWork.Tx tx, String deviceId) throws SQLException {
        return tx.one("SELECT type FROM devices WHERE id = ?", rs -> rs.getString(1), deviceId);
    }

    /** Returns the device's community, if the device exists. */
    public static Optional<String> communityOf(UnitOfWork.Tx tx, String deviceId) throws SQLException {
        return tx.one("SELECT community_id FROM devices WHERE id = ?", rs -> rs.getString(1), deviceId);
    }

    /** Returns the device's tenant, if the device exists. */
    public static Optional<String> tenantOf(UnitOfWork.Tx tx, String deviceId) throws SQLException {
        return tx.one("SELECT tenant_id FROM devices WHERE id = ?", rs -> rs.getString(1), deviceId);
    }

    /** Returns the community's devices, each with its type (wire name); none for an unknown community. */
    public static Map<String, String> ofCommunity(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return pairs(tx, "SELECT id, type FROM devices WHERE community_id = ?", communityId);
    }

    /** Returns the ids of every device of one of the types (wire names). */
    public static List<String> ofTypes(UnitOfWork.Tx tx, Collection<String> types) throws SQLException {
        return tx.query("SELECT id FROM devices WHERE type = ANY (?)", rs -> rs.getString(1),
                (Object) types.toArray(String[]::new));
    }

    /** Returns whether the community exists. */
    public static boolean communityExists(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.one("SELECT 1 FROM communities WHERE id = ?", rs -> true, communityId).isPresent();
    }

    /** Returns the community's tenant, if the community exists. */
    public static Optional<String> tenantOfCommunity(UnitOfWork.Tx tx, String communityId) throws SQLException {
        return tx.one("SELECT tenant_id FROM communities WHERE id = ?", rs -> rs.getString(1), communityId);
    }

    /** Returns the tenant of each of the communities that exist. */
    public static Map<String, String> communityTenants(UnitOfWork.Tx tx, Collection<String> communityIds)
            throws SQLException {
        return pairs(tx, "SELECT id, tenant_id FROM communities WHERE id = ANY (?)",
                communityIds.toArray(String[]::new));
    }

    /** Returns the tenant of every community created before the instant, by community id. */
    public static Map<String, String> communityTenants(UnitOfWork.Tx tx, Instant createdBefore) throws SQLException {
        return pairs(tx, "SELECT id, tenant_id FROM communities WHERE created_at < ?", createdBefore);
    }

    /** Returns whether the tenant exists. */
    public static boolean tenantExists(UnitOfWork.Tx tx, String tenantId) throws SQLException {
        return tx.one("SELECT 1 FROM tenants WHERE id = ?", rs -> true, tenantId).isPresent();
    }

    private static Map<String, String> pairs(UnitOfWork.Tx tx, String sql, Object parameter) throws SQLException {
        Map<String, String> pairs = new HashMap<>();
        tx.query(sql, rs -> pairs.put(rs.getString(1), rs.getString(2)), parameter);
        return pairs;
    }
}
