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

import javax.security.auth.x500.X500Principal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.gateway.DeviceIdentity;
import org.anju.gateway.DeviceRegistryClient;
import org.anju.gateway.TenantLimits;
import org.anju.gateway.TrustedCa;

/**
 * The gateway's view of the registry, on the platform's database: authenticates devices against
 * bcrypt hashes (or client certificates), answers revocation and via checks, and gives tenant
 * limits and the tenants' trusted CAs. JDBC runs on Vert.x worker threads, bcrypt on the
 * {@link PasswordHasher}'s bounded pool: when that pool is full, an authentication fails at once
 * as a retryable 503 (the device is told "server unavailable" and comes back later).
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

    private record CachedCa(TrustedCa ca, Instant expiresAt) {
    }

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final PasswordHasher hasher;
    private final TenantLimits defaults;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final Map<String, CachedLimits> limits = new ConcurrentHashMap<>();
    private final TrustedCaStore trustedCas;
    private final Map<String, CachedCa> cas = new ConcurrentHashMap<>();

    /**
     * @param cacheTtl how long accepted passwords, tenant limits and trusted CAs are remembered
     */
    public RegistryGatewayClient(Vertx vertx, DeviceRegistry registry, TrustedCaStore trustedCas, PasswordHasher hasher,
            TenantLimits defaults, Duration cacheTtl, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.trustedCas = trustedCas;
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
        if (!hasher.admits()) {
            // refused before the credential is looked up: a storm of retries costs no database work
            return Future.failedFuture(hasher.busy());
        }
        return vertx.executeBlocking(() -> registry.findCredential(tenantId, authId), false)
                .compose(credential -> hasher.verify(password,
                        credential.map(DeviceRegistry.StoredCredential::secretHash).orElse(null)).map(matches -> {
                            if (!matches) {
                                throw ClientError.unauthorized("unknown device, wrong password or device disabled");
                            }
                            return new DeviceIdentity(tenantId, credential.get().deviceId(), authId);
                        }))
                .onSuccess(identity -> accepted.put(key, new Accepted(identity, digest, clock.instant().plus(cacheTtl))));
    }

    @Override
    public Future<Optional<TrustedCa>> trustedCa(X500Principal subject) {
        String key = TrustedCaStore.key(subject);
        CachedCa cached = cas.get(key);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return Future.succeededFuture(Optional.of(cached.ca()));
        }
        // only what is trusted is remembered: a CA added through the API is found at once
        return vertx.executeBlocking(() -> trustedCas.find(subject), false)
                .onSuccess(found -> found.ifPresent(ca -> cas.put(key, new CachedCa(ca, clock.instant().plus(cacheTtl)))));
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

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
