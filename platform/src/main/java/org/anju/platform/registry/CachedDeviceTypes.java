package org.anju.platform.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.platform.ingest.DeviceTenants;
import org.anju.platform.ingest.DeviceTypes;
import org.anju.protocol.DeviceType;

/**
 * Device types and tenants from the registry, remembered: neither changes in a device's life, so
 * each device costs one query of each in the life of the process. Unknown devices are asked
 * again each time (they may be registered since).
 */
public final class CachedDeviceTypes implements DeviceTypes, DeviceTenants {

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final Map<String, DeviceType> known = new ConcurrentHashMap<>();
    private final Map<String, String> tenants = new ConcurrentHashMap<>();

    public CachedDeviceTypes(Vertx vertx, DeviceRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    @Override
    public Future<DeviceType> typeOf(String deviceId) {
        DeviceType type = known.get(deviceId);
        if (type != null) {
            return Future.succeededFuture(type);
        }
        return vertx.executeBlocking(() -> registry.typeOf(deviceId)
                        .flatMap(DeviceType::fromWireName)
                        .orElseThrow(() -> ClientError.notFound("device " + deviceId + " is not in the registry")), false)
                .onSuccess(found -> known.put(deviceId, found));
    }

    @Override
    public Future<Optional<String>> tenantOf(String deviceId) {
        String tenant = tenants.get(deviceId);
        if (tenant != null) {
            return Future.succeededFuture(Optional.of(tenant));
        }
        return vertx.executeBlocking(() -> registry.tenantOf(deviceId), false)
                .onSuccess(found -> found.ifPresent(t -> tenants.put(deviceId, t)));
    }
}
