package org.anju.gateway;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;

import org.anju.error.ClientError;

/**
 * An in-memory device registry for gateway tests: devices with passwords or certificate
 * subjects, via relations, tenant limits, and devices that can be disabled while connected.
 */
final class TestRegistry implements DeviceRegistryClient {

    private record Account(String deviceId, String secret) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final Set<String> via = ConcurrentHashMap.newKeySet();
    private final Map<String, TenantLimits> limits = new ConcurrentHashMap<>();

    /** Adds a device that authenticates as {@code deviceId@tenant} with the password. */
    TestRegistry device(String tenant, String deviceId, String password) {
        accounts.put(tenant + "/" + deviceId, new Account(deviceId, password));
        return this;
    }

    /** Adds a device that authenticates with a client certificate of this subject DN. */
    TestRegistry certificateDevice(String tenant, String subjectDn, String deviceId) {
        accounts.put(tenant + "/" + subjectDn, new Account(deviceId, null));
        return this;
    }

    TestRegistry gatewayOf(String tenant, String gatewayId, String deviceId) {
        via.add(tenant + "/" + gatewayId + ">" + deviceId);
        return this;
    }

    TestRegistry limits(String tenant, TenantLimits tenantLimits) {
        limits.put(tenant, tenantLimits);
        return this;
    }

    void disable(String tenant, String deviceId) {
        disabled.add(tenant + "/" + deviceId);
    }

    @Override
    public Future<DeviceIdentity> authenticate(String tenantId, String authId, String password) {
        Account account = accounts.get(tenantId + "/" + authId);
        if (account == null || account.secret() == null || !account.secret().equals(password)
                || disabled.contains(tenantId + "/" + account.deviceId())) {
            return Future.failedFuture(ClientError.unauthorized("bad credentials"));
        }
        return Future.succeededFuture(new DeviceIdentity(tenantId, account.deviceId(), authId));
    }

    @Override
    public Future<DeviceIdentity> authenticateCertificate(String tenantId, String subjectDn) {
        Account account = accounts.get(tenantId + "/" + subjectDn);
        if (account == null || account.secret() != null) {
            return Future.failedFuture(ClientError.unauthorized("unknown certificate"));
        }
        return Future.succeededFuture(new DeviceIdentity(tenantId, account.deviceId(), subjectDn));
    }

    @Override
    public Future<Boolean> isStillEnabled(DeviceIdentity device) {
        return Future.succeededFuture(!disabled.contains(device.tenantId() + "/" + device.deviceId()));
    }

    @Override
    public Future<Boolean> mayActFor(DeviceIdentity gateway, String deviceId) {
        return Future.succeededFuture(via.contains(gateway.tenantId() + "/" + gateway.deviceId() + ">" + deviceId));
    }

    @Override
    public Future<TenantLimits> limits(String tenantId) {
        return Future.succeededFuture(limits.getOrDefault(tenantId, TenantLimits.DEFAULTS));
    }
}
