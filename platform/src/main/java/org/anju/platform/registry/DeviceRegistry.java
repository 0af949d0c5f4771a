package org.anju.platform.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.anju.error.ServerError;

/**
 * Reads the device registry: credentials for authentication and devices with their latest state.
 * <p>
 * Methods block on JDBC: call them from a worker thread, never an event loop.
 */
public final class DeviceRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Double>> LATEST = new TypeReference<>() {
    };

    private static final String CREDENTIALS_SQL = """
            SELECT c.device_id, c.secret_hash
              FROM device_credentials c JOIN devices d ON d.id = c.device_id
             WHERE c.tenant_id = ? AND c.auth_id = ? AND c.enabled AND d.enabled""";
    private static final String COMMUNITIES_SQL =
            "SELECT id, tenant_id, name, address FROM communities ORDER BY name, id";
    private static final String DEVICE_VIEW_SQL = """
            SELECT d.id, d.tenant_id, d.community_id, d.type, d.name, b.name AS building, d.floor, d.location,
                   s.last_seen, s.latest
              FROM devices d
              LEFT JOIN buildings b ON b.id = d.building_id
              LEFT JOIN device_state s ON s.device_id = d.id
            """;

    private final DataSource dataSource;
    private final Duration offlineAfter;
    private final Clock clock;

    public DeviceRegistry(DataSource dataSource, Duration offlineAfter, Clock clock) {
        this.dataSource = dataSource;
        this.offlineAfter = offlineAfter;
        this.clock = clock;
    }

    /** A stored credential: the device it belongs to and the hash of its secret. */
    public record StoredCredential(String deviceId, String secretHash) {
    }

    /** Finds the enabled credential of an enabled device. */
    public Optional<StoredCredential> findCredential(String tenantId, String authId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CREDENTIALS_SQL)) {
            ps.setString(1, tenantId);
            ps.setString(2, authId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredCredential(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw ServerError.unavailable("device registry unavailable: " + e.getMessage(), e);
        }
    }

    /** Lists every community, by name. */
    public List<CommunityView> communities() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(COMMUNITIES_SQL);
                ResultSet rs = ps.executeQuery()) {
            List<CommunityView> communities = new ArrayList<>();
            while (rs.next()) {
                communities.add(new CommunityView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            return communities;
        } catch (SQLException e) {
            throw ServerError.unavailable("device registry unavailable: " + e.getMessage(), e);
        }
    }

    /** Returns whether the community exists. */
    public boolean communityExists(String communityId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM communities WHERE id = ?")) {
            ps.setString(1, communityId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw ServerError.unavailable("device registry unavailable: " + e.getMessage(), e);
        }
    }

    /** Lists a community's devices with their latest state, ordered by type and name. */
    public List<DeviceView> devicesOfCommunity(String communityId) {
        return query(DEVICE_VIEW_SQL + " WHERE d.community_id = ? ORDER BY d.type, d.name, d.id", communityId);
    }

    /** Returns the given devices with their latest state. */
    public List<DeviceView> devices(Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return query(c, DEVICE_VIEW_SQL + " WHERE d.id = ANY (?)",
                    c.createArrayOf("text", deviceIds.toArray()));
        } catch (SQLException e) {
            throw ServerError.unavailable("device registry unavailable: " + e.getMessage(), e);
        }
    }

    private List<DeviceView> query(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, parameter);
        } catch (SQLException e) {
            throw ServerError.unavailable("device registry unavailable: " + e.getMessage(), e);
        }
    }

    private List<DeviceView> query(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                List<DeviceView> devices = new ArrayList<>();
                Instant onlineSince = clock.instant().minus(offlineAfter);
                while (rs.next()) {
                    devices.add(toView(rs, onlineSince));
                }
                return devices;
            }
        }
    }

    private static DeviceView toView(ResultSet rs, Instant onlineSince) throws SQLException {
        Timestamp lastSeenTs = rs.getTimestamp("last_seen");
        Instant lastSeen = lastSeenTs == null ? null : lastSeenTs.toInstant();
        int floor = rs.getInt("floor");
        Integer floorOrNull = rs.wasNull() ? null : floor;
        return new DeviceView(rs.getString("id"), rs.getString("tenant_id"), rs.getString("community_id"),
                rs.getString("type"), rs.getString("name"), rs.getString("building"), floorOrNull,
                rs.getString("location"), lastSeen, lastSeen != null && lastSeen.isAfter(onlineSince),
                latest(rs.getString("latest")));
    }

    private static Map<String, Double> latest(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(JSON.readValue(json, LATEST));
        } catch (java.io.IOException e) {
            throw ServerError.internal("unreadable device state: " + e.getMessage(), e);
        }
    }
}
