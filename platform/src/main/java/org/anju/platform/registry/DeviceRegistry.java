package org.anju.platform.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

import org.anju.error.ServerError;
import org.anju.gateway.TenantLimits;
import org.anju.platform.Json;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.query.PageCursor;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/**
 * Reads the device registry: credentials, via relations and tenant limits for the gateway;
 * communities and devices with their latest state for the API. All of the registry's read SQL is here.
 * <p>
 * Methods block on JDBC: call them from a worker thread, never an event loop. They fail with a
 * retryable {@link ServerError} when the database cannot be reached.
 */
public final class DeviceRegistry {

    private static final TypeReference<Map<String, Double>> LATEST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STATUS = new TypeReference<>() {
    };

    private static final String PASSWORD_CREDENTIAL_SQL = """
            SELECT c.device_id, c.secret_hash
              FROM device_credentials c JOIN devices d ON d.id = c.device_id
             WHERE c.tenant_id = ? AND c.auth_id = ? AND c.type = 'hashed-password' AND c.enabled AND d.enabled""";
    private static final String CERTIFICATE_CREDENTIAL_SQL = """
            SELECT c.device_id
              FROM device_credentials c JOIN devices d ON d.id = c.device_id
             WHERE c.tenant_id = ? AND c.auth_id = ? AND c.type = 'x509-cert' AND c.enabled AND d.enabled""";
    private static final String CREDENTIAL_ENABLED_SQL = """
            SELECT 1 FROM device_credentials c JOIN devices d ON d.id = c.device_id
             WHERE c.tenant_id = ? AND c.auth_id = ? AND c.enabled AND d.enabled""";
    private static final String VIA_SQL = """
            SELECT 1 FROM device_via v
              JOIN devices g ON g.id = v.gateway_id
              JOIN devices d ON d.id = v.device_id
             WHERE g.tenant_id = ? AND v.gateway_id = ? AND v.device_id = ? AND d.tenant_id = g.tenant_id
               AND g.enabled AND d.enabled""";
    private static final String TENANT_LIMITS_SQL = """
            SELECT mqtt_max_payload_bytes, mqtt_messages_per_second, mqtt_message_burst, mqtt_max_connections,
                   mqtt_max_topic_length
              FROM tenants WHERE id = ?""";
    private static final String COMMUNITIES_SQL = """
            SELECT id, tenant_id, name, address FROM communities
             WHERE (?::text[] IS NULL OR id = ANY (?::text[])) AND (?::text IS NULL OR (name, id) > (?, ?))
             ORDER BY name, id LIMIT ?""";
    private static final String DEVICE_VIEW_SQL = """
            SELECT d.id, d.tenant_id, d.community_id, d.type, d.name, b.name AS building, d.floor, d.location,
                   d.enabled, s.last_seen, s.latest, s.status, s.online, s.presence_since, s.presence_reason
              FROM devices d
              LEFT JOIN buildings b ON b.id = d.building_id
              LEFT JOIN device_state s ON s.device_id = d.id
            """;

    private static final String WHAT = "device registry";

    private final UnitOfWork work;

    public DeviceRegistry(UnitOfWork work) {
        this.work = work;
    }

    /** A stored password credential: the device it belongs to and the hash of its secret. */
    public record StoredCredential(String deviceId, String secretHash) {
    }

    /** Finds the enabled password credential of an enabled device. */
    public Optional<StoredCredential> findCredential(String tenantId, String authId) {
        return query(PASSWORD_CREDENTIAL_SQL, rs -> new StoredCredential(rs.getString(1), rs.getString(2)),
                tenantId, authId).stream().findFirst();
    }

    /** Finds the enabled device whose certificate credential has this subject DN. */
    public Optional<String> findCertificateDevice(String tenantId, String subjectDn) {
        return query(CERTIFICATE_CREDENTIAL_SQL, rs -> rs.getString(1), tenantId, subjectDn).stream().findFirst();
    }

    /** Returns whether a credential and its device are still enabled. */
    public boolean credentialEnabled(String tenantId, String authId) {
        return !query(CREDENTIAL_ENABLED_SQL, rs -> true, tenantId, authId).isEmpty();
    }

    /** Returns whether {@code gatewayId} is registered as a gateway of {@code deviceId} in the tenant. */
    public boolean isGatewayOf(String tenantId, String gatewayId, String deviceId) {
        return !query(VIA_SQL, rs -> true, tenantId, gatewayId, deviceId).isEmpty();
    }

    /** Returns a tenant's gateway limits, its own settings over the defaults. */
    public TenantLimits tenantLimits(String tenantId, TenantLimits defaults) {
        return query(TENANT_LIMITS_SQL, rs -> new TenantLimits(
                orDefault(rs, 1, defaults.maxPayloadBytes()),
                rs.getObject(2) == null ? defaults.messagesPerSecond() : rs.getDouble(2),
                orDefault(rs, 3, defaults.messageBurst()),
                orDefault(rs, 4, defaults.maxConnections()),
                orDefault(rs, 5, defaults.maxTopicLength())), tenantId).stream().findFirst().orElse(defaults);
    }

    /**
     * Returns a page of the communities, by name.
     *
     * @param only the communities to list; null for every community
     * @param page the page size and the cursor (after a name and id)
     */
    public Page<CommunityView> communities(Collection<String> only, ListRequest page) {
        String[] ids = only == null ? null : only.toArray(String[]::new);
        String afterName = page.after() == null ? null : page.after().text(0);
        String afterId = page.after() == null ? null : page.after().text(1);
        List<CommunityView> rows = query(COMMUNITIES_SQL, rs -> new CommunityView(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)), ids, ids, afterName, afterName, afterId, page.fetchSize());
        return page.page(rows, c -> new Object[] {c.name(), c.id()});
    }

    /** Returns the tenant of each of the communities that exist, by community id. */
    public Map<String, String> tenantsOf(Collection<String> communityIds) {
        return work.read(WHAT, tx -> Devices.communityTenants(tx, communityIds));
    }

    /** Returns whether the tenant exists. */
    public boolean tenantExists(String tenantId) {
        return work.read(WHAT, tx -> Devices.tenantExists(tx, tenantId));
    }

    /** Returns whether the community exists. */
    public boolean communityExists(String communityId) {
        return work.read(WHAT, tx -> Devices.communityExists(tx, communityId));
    }

    /**
     * Returns a page of a community's devices with their latest state and stored presence, ordered
     * by type and name.
     *
     * @param onlyTypes the device types to list (what the reader sees), null for every type
     * @param page      the page size and the cursor (after a type, name and id)
     */
    public Page<DeviceView> devicesOfCommunity(String communityId, Collection<String> onlyTypes, ListRequest page) {
        PageCursor after = page.after();
        String type = after == null ? null : after.text(0);
        String[] types = onlyTypes == null ? null : onlyTypes.toArray(String[]::new);
        List<DeviceView> rows = query(DEVICE_VIEW_SQL + """
                 WHERE d.community_id = ? AND (?::text[] IS NULL OR d.type = ANY (?::text[]))
                   AND (?::text IS NULL OR (d.type, d.name, d.id) > (?, ?, ?))
                 ORDER BY d.type, d.name, d.id LIMIT ?""", DeviceRegistry::toView, communityId, types, types, type,
                type, after == null ? null : after.text(1), after == null ? null : after.text(2), page.fetchSize());
        return page.page(rows, d -> new Object[] {d.type(), d.name(), d.id()});
    }

    /** Returns every device of the communities with its latest state (a resynchronisation of live streams). */
    public List<DeviceView> devicesOfCommunities(Collection<String> communityIds) {
        if (communityIds.isEmpty()) {
            return List.of();
        }
        return query(DEVICE_VIEW_SQL + " WHERE d.community_id = ANY (?)", DeviceRegistry::toView,
                (Object) communityIds.toArray(String[]::new));
    }

    /** Returns those of the given devices that belong to one of the communities, with their latest state. */
    public List<DeviceView> devicesIn(Collection<String> deviceIds, Collection<String> communityIds) {
        if (deviceIds.isEmpty() || communityIds.isEmpty()) {
            return List.of();
        }
        return query(DEVICE_VIEW_SQL + " WHERE d.id = ANY (?) AND d.community_id = ANY (?)", DeviceRegistry::toView,
                deviceIds.toArray(String[]::new), communityIds.toArray(String[]::new));
    }

    /** Returns the given devices with their latest state. */
    public List<DeviceView> devices(Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        return query(DEVICE_VIEW_SQL + " WHERE d.id = ANY (?)", DeviceRegistry::toView,
                (Object) deviceIds.toArray(String[]::new));
    }

    /** Returns where the device is and its type, if the device exists. */
    public Optional<DevicePlace> placeOf(String deviceId) {
        return query("SELECT id, tenant_id, community_id, type FROM devices WHERE id = ?",
                rs -> new DevicePlace(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), deviceId)
                .stream().findFirst();
    }

    /** Returns the device's community, if the device exists. */
    public Optional<String> communityOf(String deviceId) {
        return work.read(WHAT, tx -> Devices.communityOf(tx, deviceId));
    }

    /** Returns the device's type (wire name), if the device exists. */
    public Optional<String> typeOf(String deviceId) {
        return work.read(WHAT, tx -> Devices.typeOf(tx, deviceId));
    }

    /** Returns the device's tenant, if the device exists. */
    public Optional<String> tenantOf(String deviceId) {
        return work.read(WHAT, tx -> Devices.tenantOf(tx, deviceId));
    }

    private <T> List<T> query(String sql, Sql.Row<T> row, Object... parameters) {
        return work.read(WHAT, tx -> tx.query(sql, row, parameters));
    }

    private static int orDefault(ResultSet rs, int column, int fallback) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? fallback : value;
    }

    private static DeviceView toView(ResultSet rs) throws SQLException {
        return new DeviceView(rs.getString("id"), rs.getString("tenant_id"), rs.getString("community_id"),
                rs.getString("type"), rs.getString("name"), rs.getString("building"), Sql.integer(rs, "floor"),
                rs.getString("location"), Sql.instant(rs, "last_seen"), rs.getBoolean("online"),
                Sql.instant(rs, "presence_since"), rs.getString("presence_reason"),
                latest(rs.getString("latest")), status(rs.getString("status")), rs.getBoolean("enabled"));
    }

    private static Map<String, String> status(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(Json.MAPPER.readValue(json, STATUS));
        } catch (java.io.IOException e) {
            throw new SQLException("unreadable device status: " + e.getMessage(), e);
        }
    }

    private static Map<String, Double> latest(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(Json.MAPPER.readValue(json, LATEST));
        } catch (java.io.IOException e) {
            throw new SQLException("unreadable device state: " + e.getMessage(), e);
        }
    }
}
