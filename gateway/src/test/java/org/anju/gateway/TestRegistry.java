package org.anju.gateway;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.security.auth.x500.X500Principal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.error.ServerError;

/**
 * An in-memory device registry for gateway tests: devices with passwords or certificate
 * subjects, via relations that can be revoked, tenant limits, the tenants' trusted CAs, devices
 * that can be disabled while connected, and a count of the authentications it was asked for.
 */
final class TestRegistry implements DeviceRegistryClient {

    private record Account(String deviceId, String secret) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final Set<String> via = ConcurrentHashMap.newKeySet();
    private final Map<String, TenantLimits> limits = new ConcurrentHashMap<>();
    private final Map<X500Principal, TrustedCa> trustedCas = new ConcurrentHashMap<>();
    /** How many times a device was authenticated (a password checked or a certificate looked up). */
    final AtomicInteger authentications = new AtomicInteger();
    private volatile boolean unavailable;
    private volatile Vertx answering;

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

    /** Answers authentications a few milliseconds later, as a registry on a database does. */
    TestRegistry answerLater(Vertx vertx) {
        answering = vertx;
        return this;
    }

    /** Makes authentications fail as when the registry is down or its hashing pool is full (or not). */
    void unavailable(boolean down) {
        unavailable = down;
    }

    /** Removes a via relation: the gateway no longer acts for the device. */
    void revokeGatewayOf(String tenant, String gatewayId, String deviceId) {
        via.remove(tenant + "/" + gatewayId + ">" + deviceId);
    }

    /** Makes the tenant trust client certificates the CA issued. */
    TestRegistry trustedCa(String tenant, X509Certificate ca) {
        trustedCas.put(ca.getSubjectX500Principal(), new TrustedCa(tenant, ca));
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
        Vertx later = answering;
        if (later == null) {
            return check(tenantId, authId, password);
        }
        Promise<DeviceIdentity> answer = Promise.promise();
        later.setTimer(10, t -> check(tenantId, authId, password).onComplete(answer));
        return answer.future();
    }

    private Future<DeviceIdentity> check(String tenantId, String authId, String password) {
        authentications.incrementAndGet();
        if (unavailable) {
            return Future.failedFuture(ServerError.unavailable("password hashing busy", null));
        }
        Account account = accounts.get(tenantId + "/" + authId);
        if (account == null || account.secret() == null || !account.secret().equals(password)
                || disabled.contains(tenantId + "/" + account.deviceId())) {
            return Future.failedFuture(ClientError.unauthorized("bad credentials"));
        }
        return Future.succeededFuture(new DeviceIdentity(tenantId, account.deviceId(), authId));
    }

    @Override
    public Future<DeviceIdentity> authenticateCertificate(String tenantId, String subjectDn) {
        authentications.incrementAndGet();
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
    public Future<Optional<TrustedCa>> trustedCa(X500Principal subject) {
        return Future.succeededFuture(Optional.ofNullable(trustedCas.get(subject)));
    }

    @Override
    public Future<TenantLimits> limits(String tenantId) {
        return Future.succeededFuture(limits.getOrDefault(tenantId, TenantLimits.DEFAULTS));
    }
}
