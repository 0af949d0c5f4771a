package org.anju.platform.registry;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.anju.error.ServerError;
import org.anju.platform.storage.UnitOfWork;

/**
 * Creates tenants, communities, buildings, devices and credentials (users are the auth package's,
 * {@code auth.UserAccounts}); every call is idempotent (an existing row is updated, not duplicated).
 * <p>
 * Methods block on JDBC: call them from a worker thread.
 */
public final class Registrar {

    private static final String WHAT = "provisioning";

    private final UnitOfWork work;
    private final PasswordHasher hasher;

    public Registrar(UnitOfWork work, PasswordHasher hasher) {
        this.work = work;
        this.hasher = hasher;
    }

    /** A community of a tenant. */
    public record Community(String id, String tenantId, String name, String address, Double lat, Double lon) {
    }

    /** A building of a community. */
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

    /** Creates the tenant, or renames it. */
    public void tenant(String id, String name) {
        inOneTransaction(tx -> tx.tenant(id, name));
    }

    /** Creates the community, or updates it. */
    public void community(Community c) {
        inOneTransaction(tx -> tx.community(c));
    }

    /** Creates the building, or updates it. */
    public void building(Building b) {
        inOneTransaction(tx -> tx.buildings(List.of(b)));
    }

    /** Creates the device, or updates it. */
    public void device(Device d) {
        inOneTransaction(tx -> tx.devices(List.of(d)));
    }

    /** Sets the secret a device authenticates with as {@code authId@tenantId}; only its hash is stored. */
    public void deviceCredential(String tenantId, String authId, String deviceId, String secret) {
        HashedCredential credential = new HashedCredential(tenantId, authId, deviceId, hasher.hash(secret));
        inOneTransaction(tx -> tx.credentials(List.of(credential)));
    }

    /** A stored password credential whose secret is already hashed. */
    public record HashedCredential(String tenantId, String authId, String deviceId, String secretHash) {
    }

    /** Work done in one transaction: everything or nothing is written. */
    public interface TransactionWork {
        void run(RegistryChange change) throws SQLException;
    }

    /**
     * Runs the work in one transaction, committed when it returns, rolled back when it throws.
     *
     * @throws ServerError when the database fails; what the work throws otherwise
     */
    public void inOneTransaction(TransactionWork work) {
        this.work.inTransaction(WHAT, tx -> {
            work.run(new RegistryChange(tx));
            return null;
        });
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

    private void update(String sql, Object... parameters) {
        work.inTransaction(WHAT, tx -> tx.update(sql, parameters));
    }
}
