package org.anju.platform.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.platform.ingest.DeviceTypes;
import org.anju.protocol.DeviceType;

/**
 * Device types from the registry, remembered: a device's type does not change, so each device
 * costs one query in the life of the process.
 */
public final class CachedDeviceTypes implements DeviceTypes {

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final Map<String, DeviceType> known = new ConcurrentHashMap<>();

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
}
