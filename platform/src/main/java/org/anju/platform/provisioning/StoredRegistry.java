package org.anju.platform.provisioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.anju.platform.storage.Sql;

/**
 * The reads provisioning compares a request with, inside the request's transaction; all of the
 * provisioning capability's read SQL is here (its writes are {@link org.anju.platform.registry.Registrar}'s).
 */
final class StoredRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };
    // one lock for all provisioning: ids are global, requests are rare, and two concurrent
    // identical requests must not both see "absent" and collide on insert
    private static final long PROVISIONING_LOCK = 0x616e6a7570726f76L;

    record StoredCommunity(String tenantId, String name, String address, Double lat, Double lon) {
    }

    record StoredBuilding(String id, String communityId, String name, Integer floorsAbove, Integer floorsBelow) {
    }

    record StoredDevice(String id, String tenantId, String communityId, String type, String name, String buildingId,
            Integer floor, String location, Map<String, String> attributes) {
    }

    record StoredCredential(String authId, String deviceId, String type, String secretHash) {
    }

    private final Connection c;

    StoredRegistry(Connection connection) {
        this.c = connection;
    }

    void lock() throws SQLException {
        query("SELECT pg_advisory_xact_lock(?)", rs -> true, PROVISIONING_LOCK);
    }

    boolean tenantExists(String tenantId) throws SQLException {
        return !query("SELECT 1 FROM tenants WHERE id = ?", rs -> true, tenantId).isEmpty();
    }

    Optional<String> tenantName(String tenantId) throws SQLException {
        return query("SELECT name FROM tenants WHERE id = ?", rs -> rs.getString(1), tenantId).stream().findFirst();
    }

    Optional<StoredCommunity> community(String communityId) throws SQLException {
        return query("SELECT tenant_id, name, address, lat, lon FROM communities WHERE id = ?",
                rs -> new StoredCommunity(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Double) rs.getObject(4), (Double) rs.getObject(5)), communityId).stream().findFirst();
    }

    /** Buildings with one of these ids, or of this community. */
    List<StoredBuilding> buildings(String communityId, Collection<String> ids) throws SQLException {
        return query("""
                SELECT id, community_id, name, floors_above, floors_below FROM buildings
                 WHERE community_id = ? OR id = ANY (?)""",
                rs -> new StoredBuilding(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), (Integer) rs.getObject(5)), communityId, array(ids));
    }

    Map<String, StoredDevice> devices(Collection<String> ids) throws SQLException {
        Map<String, StoredDevice> byId = new HashMap<>();
        for (StoredDevice d : query("""
                SELECT id, tenant_id, community_id, type, name, building_id, floor, location, attributes::text
                  FROM devices WHERE id = ANY (?)""",
                rs -> new StoredDevice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getString(8),
                        attributes(rs.getString(9))), array(ids))) {
            byId.put(d.id(), d);
        }
        return byId;
    }

    Map<String, StoredCredential> credentials(String tenantId, Collection<String> authIds) throws SQLException {
        Map<String, StoredCredential> byAuthId = new HashMap<>();
        for (StoredCredential cr : query("""
                SELECT auth_id, device_id, type, secret_hash FROM device_credentials
                 WHERE tenant_id = ? AND auth_id = ANY (?)""",
                rs -> new StoredCredential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                tenantId, array(authIds))) {
            byAuthId.put(cr.authId(), cr);
        }
        return byAuthId;
    }

    private java.sql.Array array(Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    private static Map<String, String> attributes(String json) throws SQLException {
        try {
            return JSON.readValue(json, ATTRIBUTES);
        } catch (java.io.IOException e) {
            throw new SQLException("unreadable device attributes: " + e.getMessage(), e);
        }
    }

    private <T> List<T> query(String sql, Sql.Row<T> row, Object... parameters) throws SQLException {
        return Sql.query(c, sql, row, parameters);
    }
}
