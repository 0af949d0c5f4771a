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
import org.anju.gateway.DeviceAuthenticator;
import org.anju.gateway.DeviceIdentity;

/**
 * Authenticates devices against the registry's bcrypt hashes, remembering each success for a
 * while so that a device reconnecting (or ten thousand devices reconnecting after an outage) does
 * not cost a bcrypt round each time.
 * <p>
 * The cache holds a SHA-256 of the accepted password, never the password, and an entry is used
 * only while the same password is presented and the entry is younger than the TTL: a device whose
 * credential is disabled is refused at most one TTL later.
 */
public final class RegistryDeviceAuthenticator implements DeviceAuthenticator {

    private record Accepted(DeviceIdentity identity, byte[] passwordDigest, Instant expiresAt) {
    }

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final PasswordHasher hasher;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();

    public RegistryDeviceAuthenticator(Vertx vertx, DeviceRegistry registry, PasswordHasher hasher, Duration cacheTtl,
            Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.hasher = hasher;
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
                .onSuccess(identity -> accepted.put(key,
                        new Accepted(identity, digest, clock.instant().plus(cacheTtl))));
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
