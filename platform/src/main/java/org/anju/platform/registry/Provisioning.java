package org.anju.platform.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.anju.error.ServerError;

/**
 * Creates tenants, communities, buildings, devices and credentials (users are the auth package's,
 * {@code auth.UserAccounts}); every call is idempotent (an existing row is updated, not duplicated).
 * <p>
 * Methods block on JDBC: call them from a worker thread.
 */
public final class Provisioning {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    private final DataSource dataSource;
    private final PasswordHasher hasher;

    public Provisioning(DataSource dataSource, PasswordHasher hasher) {
        this.dataSource = dataSource;
        this.hasher = hasher;
    }

    public record Community(String id, String tenantId, String name, String address, Double lat, Double lon) {
    }

    public record Building(String id, String communityId, String name, int floorsAbove, int floorsBelow) {
    }

    /**
     * A device.
     *
     * @param attributes what it is configured with beyond type and place (V5), e.g. {@code heartbeatInterval}
     */
    public record Device(String id, String tenantId, String communityId, String type, String name, String buildingId,
            Integer floor, String location, Double lat, Double lon, Map<String, String> attributes) {

        public Device {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        /** A device without attributes. */
        public Device(String id, String tenantId, String communityId, String type, String name, String buildingId,
                Integer floor, String location, Double lat, Double lon) {
            this(id, tenantId, communityId, type, name, buildingId, floor, location, lat, lon, Map.of());
        }
    }

    public void tenant(String id, String name) {
        update(TENANT_SQL, id, name);
    }

    public void community(Community c) {
        inTransaction(connection -> new Transaction(connection).community(c));
    }

    public void building(Building b) {
        inTransaction(connection -> new Transaction(connection).buildings(List.of(b)));
    }

    public void device(Device d) {
        inTransaction(connection -> new Transaction(connection).devices(List.of(d)));
    }

    /** Sets the secret a device authenticates with as {@code authId@tenantId}; only its hash is stored. */
    public void deviceCredential(String tenantId, String authId, String deviceId, String secret) {
        update(CREDENTIAL_SQL, tenantId, authId, deviceId, hasher.hash(secret));
    }

    /** A stored password credential whose secret is already hashed. */
    public record HashedCredential(String tenantId, String authId, String deviceId, String secretHash) {
    }

    /** Work done in one transaction: everything or nothing is written. */
    public interface TransactionWork {
        void run(Transaction transaction) throws SQLException;
    }

    /**
     * Runs the work in one transaction, committed when it returns, rolled back when it throws.
     *
     * @throws ServerError when the database fails; what the work throws otherwise
     */
    public void inOneTransaction(TransactionWork work) {
        inTransaction(connection -> work.run(new Transaction(connection)));
    }

    /** The upserts of one transaction; rows are written in JDBC batches. */
    public static final class Transaction {

        private final Connection connection;

        private Transaction(Connection connection) {
            this.connection = connection;
        }

        /** Returns the transaction's connection, for reads that must see its writes and locks. */
        public Connection connection() {
            return connection;
        }

        public void tenant(String id, String name) throws SQLException {
            execute(connection, TENANT_SQL, id, name);
        }

        public void community(Community c) throws SQLException {
            execute(connection, COMMUNITY_SQL, c.id(), c.tenantId(), c.name(), c.address(), c.lat(), c.lon());
        }

        public void buildings(List<Building> buildings) throws SQLException {
            batch(BUILDING_SQL, buildings, b -> new Object[] {b.id(), b.communityId(), b.name(), b.floorsAbove(),
                    b.floorsBelow()});
        }

        public void devices(List<Device> devices) throws SQLException {
            batch(DEVICE_SQL, devices, d -> new Object[] {d.id(), d.tenantId(), d.communityId(), d.type(), d.name(),
                    d.buildingId(), d.floor(), d.location(), d.lat(), d.lon(), attributesJson(d.attributes())});
        }

        public void credentials(List<HashedCredential> credentials) throws SQLException {
            batch(CREDENTIAL_SQL, credentials, c -> new Object[] {c.tenantId(), c.authId(), c.deviceId(),
                    c.secretHash()});
        }

        private <T> void batch(String sql, List<T> rows, Function<T, Object[]> parameters) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (T row : rows) {
                    Object[] values = parameters.apply(row);
                    for (int i = 0; i < values.length; i++) {
                        ps.setObject(i + 1, values[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static String attributesJson(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** Registers a device credential that is a client certificate with this subject DN (RFC 2253). */
    public void deviceCertificate(String tenantId, String subjectDn, String deviceId) {
        update("""
                INSERT INTO device_credentials (tenant_id, auth_id, device_id, type, secret_hash)
                VALUES (?, ?, ?, 'x509-cert', NULL)
                ON CONFLICT (tenant_id, auth_id) DO UPDATE SET device_id = EXCLUDED.device_id, type = 'x509-cert',
                    secret_hash = NULL, enabled = true""", tenantId, subjectDn, deviceId);
    }

    /** Registers {@code gatewayId} as a gateway that may act for {@code deviceId}. */
    public void via(String deviceId, String gatewayId) {
        update("INSERT INTO device_via (device_id, gateway_id) VALUES (?, ?) ON CONFLICT DO NOTHING", deviceId, gatewayId);
    }

    /**
     * Sets a device's own heartbeat interval (whole seconds, at least 1), replacing its type's
     * {@code presence.<type>.interval}; null returns it to the type's.
     */
    public void heartbeatInterval(String deviceId, Duration interval) {
        if (interval != null && interval.toSeconds() < 1) {
            throw new IllegalArgumentException("heartbeat interval must be at least 1 s, got " + interval);
        }
        update("UPDATE devices SET heartbeat_interval_seconds = ? WHERE id = ?",
                interval == null ? null : Math.toIntExact(interval.toSeconds()), deviceId);
    }

    /** Enables or disables a device; a disabled device is refused and disconnected by the gateway. */
    public void deviceEnabled(String deviceId, boolean enabled) {
        update("UPDATE devices SET enabled = ? WHERE id = ?", enabled, deviceId);
    }

    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private void update(String sql, Object... parameters) {
        inTransaction(c -> execute(c, sql, parameters));
    }

    private void inTransaction(SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw ServerError.unavailable("provisioning failed: " + e.getMessage(), e);
        }
    }

    private static void execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        }
    }
}
