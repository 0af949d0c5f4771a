package org.anju.platform.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anju.platform.storage.UnitOfWork;

/**
 * A tenant's devices as Eclipse Hono's device registry holds them: enabled or not, the gateways
 * registered to act for each ({@code via}), and their credentials ({@code hashed-password} with
 * the bcrypt hash Anju keeps, {@code x509-cert} by subject DN). What {@link HonoRegistryPush}
 * sends to Hono's management API.
 */
public final class HonoDevices {

    /** One credential of a device: its auth id, type, whether enabled, and the bcrypt hash of a password. */
    public record Credential(String authId, String type, boolean enabled, String bcryptHash) {
    }

    /** One device with what Hono needs of it. */
    public record Device(String tenantId, String deviceId, boolean enabled, List<String> via,
            List<Credential> credentials) {
    }

    private static final String DEVICES_SQL = """
            SELECT d.id, d.enabled,
                   COALESCE((SELECT array_agg(v.gateway_id ORDER BY v.gateway_id) FROM device_via v
                              WHERE v.device_id = d.id), '{}') AS via
              FROM devices d WHERE d.tenant_id = ? ORDER BY d.id""";
    private static final String CREDENTIALS_SQL = """
            SELECT c.device_id, c.auth_id, c.type, c.enabled, c.secret_hash
              FROM device_credentials c JOIN devices d ON d.id = c.device_id
             WHERE c.tenant_id = ? AND d.tenant_id = c.tenant_id ORDER BY c.device_id, c.type, c.auth_id""";

    private final UnitOfWork work;

    public HonoDevices(UnitOfWork work) {
        this.work = work;
    }

    /** Returns the tenant's devices in id order, each with its gateways and credentials. */
    public List<Device> ofTenant(String tenantId) {
        return work.read("devices for Hono's registry", tx -> {
            Map<String, List<Credential>> credentials = new LinkedHashMap<>();
            tx.query(CREDENTIALS_SQL, rs -> {
                credentials.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new Credential(
                        rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)));
                return null;
            }, tenantId);
            return tx.query(DEVICES_SQL, rs -> new Device(tenantId, rs.getString(1), rs.getBoolean(2),
                    List.of((String[]) rs.getArray(3).getArray()),
                    credentials.getOrDefault(rs.getString(1), List.of())), tenantId);
        });
    }
}
