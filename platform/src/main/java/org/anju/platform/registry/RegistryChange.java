package org.anju.platform.registry;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import org.anju.platform.Json;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.registry.Registrar.Building;
import org.anju.platform.registry.Registrar.Community;
import org.anju.platform.registry.Registrar.Device;
import org.anju.platform.registry.Registrar.HashedCredential;
import org.anju.platform.storage.UnitOfWork;

/**
 * One transaction of changes to the registry ({@link Registrar#inOneTransaction}): idempotent
 * upserts, written in JDBC batches, and the reads that decide them, which see the transaction's
 * own writes and locks (what provisioning compares a request with).
 */
public final class RegistryChange {

    private static final String TENANT_SQL = """
            INSERT INTO tenants (id, name) VALUES (?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name""";
    private static final String COMMUNITY_SQL = """
            INSERT INTO communities (id, tenant_id, name, address, lat, lon) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, address = EXCLUDED.address,
                lat = EXCLUDED.lat, lon = EXCLUDED.lon""";
    private static final String BUILDING_SQL = """
            INSERT INTO buildings (id, community_id, name, floors_above, floors_below) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, floors_above = EXCLUDED.floors_above,
                floors_below = EXCLUDED.floors_below""";
    private static final String DEVICE_SQL = """
            INSERT INTO devices (id, tenant_id, community_id, type, name, building_id, floor, location, lat, lon,
                                 attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, name = EXCLUDED.name,
                building_id = EXCLUDED.building_id, floor = EXCLUDED.floor, location = EXCLUDED.location,
                lat = EXCLUDED.lat, lon = EXCLUDED.lon, attributes = EXCLUDED.attributes""";
    private static final String CREDENTIAL_SQL = """
            INSERT INTO device_credentials (tenant_id, auth_id, device_id, type, secret_hash)
            VALUES (?, ?, ?, 'hashed-password', ?)
            ON CONFLICT (tenant_id, auth_id) DO UPDATE SET device_id = EXCLUDED.device_id, type = 'hashed-password',
                secret_hash = EXCLUDED.secret_hash, enabled = true""";
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };
    // one lock for all provisioning: ids are global, requests are rare, and two concurrent
    // identical requests must not both see "absent" and collide on insert
    private static final long PROVISIONING_LOCK = 0x616e6a7570726f76L;

    /** A community as stored. */
    public record StoredCommunity(String tenantId, String name, String address, Double lat, Double lon) {
    }

    /** A building as stored. */
    public record StoredBuilding(String id, String communityId, String name, Integer floorsAbove, Integer floorsBelow) {
    }

    /** A device as stored. */
    public record StoredDevice(String id, String tenantId, String communityId, String type, String name,
            String buildingId, Integer floor, String location, Map<String, String> attributes) {
    }

    /** A device credential as stored. */
    public record StoredCredential(String authId, String deviceId, String type, String secretHash) {
    }

    private final UnitOfWork.Tx tx;

    RegistryChange(UnitOfWork.Tx tx) {
        this.tx = tx;
    }

    /** Returns the transaction, for the stores of other capabilities that join it (e.g. auth giving a new community to its creator). */
    public UnitOfWork.Tx tx() {
        return tx;
    }

    /** Waits for every other provisioning transaction to end, and keeps new ones out until this one ends. */
    public void lock() throws SQLException {
        tx.one("SELECT pg_advisory_xact_lock(?)", rs -> true, PROVISIONING_LOCK);
    }

    /** Creates the tenant, or renames it. */
    public void tenant(String id, String name) throws SQLException {
        tx.update(TENANT_SQL, id, name);
    }

    /** Creates the community, or updates its name, address and place. */
    public void community(Community c) throws SQLException {
        tx.update(COMMUNITY_SQL, c.id(), c.tenantId(), c.name(), c.address(), c.lat(), c.lon());
    }

    /** Creates the buildings, or updates their names and floors. */
    public void buildings(List<Building> buildings) throws SQLException {
        tx.batch(BUILDING_SQL, buildings, b -> new Object[] {b.id(), b.communityId(), b.name(), b.floorsAbove(),
                b.floorsBelow()});
    }

    /** Creates the devices, or updates what they are and where. */
    public void devices(List<Device> devices) throws SQLException {
        tx.batch(DEVICE_SQL, devices, d -> new Object[] {d.id(), d.tenantId(), d.communityId(), d.type(), d.name(),
                d.buildingId(), d.floor(), d.location(), d.lat(), d.lon(), attributesJson(d.attributes())});
    }

    /** Sets the password credentials (their hashes), enabled. */
    public void credentials(List<HashedCredential> credentials) throws SQLException {
        tx.batch(CREDENTIAL_SQL, credentials, c -> new Object[] {c.tenantId(), c.authId(), c.deviceId(),
                c.secretHash()});
    }

    /** Returns whether the tenant exists. */
    public boolean tenantExists(String tenantId) throws SQLException {
        return Devices.tenantExists(tx, tenantId);
    }

    /** Returns the tenant's name, if the tenant exists. */
    public Optional<String> tenantName(String tenantId) throws SQLException {
        return tx.one("SELECT name FROM tenants WHERE id = ?", rs -> rs.getString(1), tenantId);
    }

    /** Returns the community, if it exists. */
    public Optional<StoredCommunity> storedCommunity(String communityId) throws SQLException {
        return tx.one("SELECT tenant_id, name, address, lat, lon FROM communities WHERE id = ?",
                rs -> new StoredCommunity(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Double) rs.getObject(4), (Double) rs.getObject(5)), communityId);
    }

    /** Returns the buildings with one of these ids, or of this community. */
    public List<StoredBuilding> storedBuildings(String communityId, Collection<String> ids) throws SQLException {
        return tx.query("""
                SELECT id, community_id, name, floors_above, floors_below FROM buildings
                 WHERE community_id = ? OR id = ANY (?)""",
                rs -> new StoredBuilding(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), (Integer) rs.getObject(5)), communityId, ids.toArray(String[]::new));
    }

    /** Returns the devices with these ids that exist, by id. */
    public Map<String, StoredDevice> storedDevices(Collection<String> ids) throws SQLException {
        Map<String, StoredDevice> byId = new HashMap<>();
        tx.query("""
                SELECT id, tenant_id, community_id, type, name, building_id, floor, location, attributes::text
                  FROM devices WHERE id = ANY (?)""",
                rs -> byId.put(rs.getString(1), new StoredDevice(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getString(8),
                        attributes(rs.getString(9)))), (Object) ids.toArray(String[]::new));
        return byId;
    }

    /**
     * Enables or disables a device (its credentials keep their own flags); returns whether that
     * changed anything. The gateway refuses a disabled device at CONNECT and disconnects it at its
     * next revalidation.
     */
    public boolean deviceEnabled(String deviceId, boolean enabled) throws SQLException {
        return tx.update("UPDATE devices SET enabled = ? WHERE id = ? AND enabled IS DISTINCT FROM ?",
                enabled, deviceId, enabled) == 1;
    }

    /** Writes an audit entry in this transaction, so that the change and its record go together. */
    public void audit(AuditEntry entry) throws SQLException {
        AuditLog.write(tx, entry);
    }

    /** Returns the tenant's credentials with these auth ids that exist, by auth id. */
    public Map<String, StoredCredential> storedCredentials(String tenantId, Collection<String> authIds)
            throws SQLException {
        Map<String, StoredCredential> byAuthId = new HashMap<>();
        tx.query("""
                SELECT auth_id, device_id, type, secret_hash FROM device_credentials
                 WHERE tenant_id = ? AND auth_id = ANY (?)""",
                rs -> byAuthId.put(rs.getString(1), new StoredCredential(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4))), tenantId, authIds.toArray(String[]::new));
        return byAuthId;
    }

    private static String attributesJson(Map<String, String> attributes) {
        try {
            return Json.MAPPER.writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> attributes(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, ATTRIBUTES);
        } catch (IOException e) {
            throw new SQLException("unreadable device attributes: " + e.getMessage(), e);
        }
    }
}
