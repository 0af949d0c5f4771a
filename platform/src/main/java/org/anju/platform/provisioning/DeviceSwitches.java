package org.anju.platform.provisioning;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.registry.Registrar;
import org.anju.platform.registry.RegistryChange.StoredDevice;

/**
 * Takes a device out of service and back (lost, stolen, broken or replaced): a disabled device is
 * refused at CONNECT and disconnected by the gateway at its next revalidation
 * ({@code mqtt.revalidateInterval}); {@code anju admin hono-push} pushes it to Hono's registry as
 * disabled. What it sent stays stored; nothing is deleted.
 */
public final class DeviceSwitches {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSwitches.class);

    /** Where a device belongs, for the caller's authorization. */
    public record Placement(String tenantId, String communityId) {
    }

    /** Decides whether the caller may switch a device of this placement (empty: no such device). */
    public interface Authorization {
        /** @throws ClientError 403 when the caller may not; runs before the caller learns whether the device exists */
        void check(Optional<Placement> placement);
    }

    /** A device's state after the request; {@code changed} is false when it already was so. */
    public record Switched(String deviceId, String tenantId, String communityId, boolean enabled, boolean changed) {
    }

    private final Registrar registrar;

    DeviceSwitches(Registrar registrar) {
        this.registrar = registrar;
    }

    /**
     * Enables or disables a device, the audit entry in the same transaction.
     *
     * @throws ClientError 403 as {@code authorization} decides; 404 when there is no such device
     */
    public Switched setEnabled(String deviceId, boolean enabled, Authorization authorization, AuditEntry audit) {
        Switched[] result = new Switched[1];
        registrar.inOneTransaction(tx -> {
            StoredDevice device = tx.storedDevices(List.of(deviceId)).get(deviceId);
            authorization.check(Optional.ofNullable(device).map(d -> new Placement(d.tenantId(), d.communityId())));
            if (device == null) {
                throw ClientError.notFound("no device '" + deviceId + "'");
            }
            boolean changed = tx.deviceEnabled(deviceId, enabled);
            tx.audit(audit.forTenant(device.tenantId()).with("enabled", enabled).with("changed", changed));
            result[0] = new Switched(deviceId, device.tenantId(), device.communityId(), enabled, changed);
        });
        if (result[0].changed()) {
            LOG.info("device {} {} [tenant: {}, community: {}, by: {}]", deviceId, enabled ? "enabled" : "disabled",
                    result[0].tenantId(), result[0].communityId(), audit.actor());
        }
        return result[0];
    }
}
