package org.anju.platform.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.gateway.DeviceIdentity;
import org.anju.gateway.DeviceRegistryClient;
import org.anju.gateway.TenantLimits;

/**
 * The gateway's view of the registry, on the platform's database: authenticates devices against
 * bcrypt hashes (or client certificates), answers revocation and via checks, and gives tenant
 * limits. JDBC and bcrypt run on worker threads.
 * <p>
 * Successful authentications and tenant limits are remembered for a TTL, so that ten thousand
 * devices reconnecting after an outage do not cost ten thousand bcrypt rounds. The cache holds a
 * SHA-256 of the accepted password, never the password, and is used only while the same password
 * is presented; revocation is enforced separately by the gateway's periodic
 * {@link #isStillEnabled(DeviceIdentity)} check.
 */
public final class RegistryGatewayClient implements DeviceRegistryClient {

    private record Accepted(DeviceIdentity identity, byte[] passwordDigest, Instant expiresAt) {
    }

    private record CachedLimits(TenantLimits limits, Instant expiresAt) {
    }

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final PasswordHasher hasher;
    private final TenantLimits defaults;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final Map<String, CachedLimits> limits = new ConcurrentHashMap<>();

    public RegistryGatewayClient(Vertx vertx, DeviceRegistry registry, PasswordHasher hasher, TenantLimits defaults,
            Duration cacheTtl, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.hasher = hasher;
        this.defaults = defaults;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    @Override
    public Future<DeviceIdentity> authenticate(String tenantId, String authId, String password) {
        String key = tenantId + '\u0000' + authId;
        byte[] digest = sha256(password);
        Accepted cached = accepted.get(key);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())
                && MessageDigest.isEqual(cached.passwordDigest(), digest)) {
            return Future.succeededFuture(cached.identity());
        }
        return vertx.executeBlocking(() -> verify(tenantId, authId, password), false)
                .onSuccess(identity -> accepted.put(key, new Accepted(identity, digest, clock.instant().plus(cacheTtl))));
    }

    @Override
    public Future<DeviceIdentity> authenticateCertificate(String tenantId, String subjectDn) {
        return vertx.executeBlocking(() -> registry.findCertificateDevice(tenantId, subjectDn)
                .map(deviceId -> new DeviceIdentity(tenantId, deviceId, subjectDn))
                .orElseThrow(() -> ClientError.unauthorized("no enabled device has a certificate credential for "
                        + subjectDn)), false);
    }

    @Override
    public Future<Boolean> isStillEnabled(DeviceIdentity device) {
        return vertx.executeBlocking(() -> {
            boolean enabled = registry.credentialEnabled(device.tenantId(), device.authId());
            if (!enabled) {
                accepted.remove(device.tenantId() + '\u0000' + device.authId());
            }
            return enabled;
        }, false);
    }

    @Override
    public Future<Boolean> mayActFor(DeviceIdentity gateway, String deviceId) {
        return vertx.executeBlocking(() -> registry.isGatewayOf(gateway.tenantId(), gateway.deviceId(), deviceId), false);
    }

    @Override
    public Future<TenantLimits> limits(String tenantId) {
        CachedLimits cached = limits.get(tenantId);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return Future.succeededFuture(cached.limits());
        }
        return vertx.executeBlocking(() -> registry.tenantLimits(tenantId, defaults), false)
                .onSuccess(l -> limits.put(tenantId, new CachedLimits(l, clock.instant().plus(cacheTtl))));
    }

    private DeviceIdentity verify(String tenantId, String authId, String password) {
        Optional<DeviceRegistry.StoredCredential> credential = registry.findCredential(tenantId, authId);
        if (!hasher.matches(password, credential.map(DeviceRegistry.StoredCredential::secretHash).orElse(null))) {
            throw ClientError.unauthorized("unknown device, wrong password or device disabled");
        }
        return new DeviceIdentity(tenantId, credential.get().deviceId(), authId);
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
