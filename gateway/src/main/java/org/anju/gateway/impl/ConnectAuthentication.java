package org.anju.gateway.impl;

import java.time.Duration;
import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import org.anju.error.ClientError;
import org.anju.gateway.DeviceIdentity;
import org.anju.gateway.DeviceRegistryClient;

/**
 * Decides who a connecting device is, from its password or its client certificate, and slows down
 * and locks source addresses (and user names at an address) that keep presenting bad credentials
 * ({@link AddressThrottle}): a locked CONNECT is refused before anything is checked, so guessing
 * costs the gateway nothing.
 */
final class ConnectAuthentication {

    /** Why a CONNECT was refused: the reason (its CONNACK code) and a sentence for the log. */
    static final class Refused extends RuntimeException {
        private final Refusal refusal;

        Refused(Refusal refusal, String detail) {
            super(detail, null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    private final Vertx vertx;
    private final DeviceRegistryClient registry;
    private final ClientCertificates certificates;
    private final AddressThrottle throttle;

    ConnectAuthentication(Vertx vertx, DeviceRegistryClient registry, ClientCertificates certificates,
            AddressThrottle throttle) {
        this.vertx = vertx;
        this.registry = registry;
        this.certificates = certificates;
        this.throttle = throttle;
    }

    /**
     * Authenticates a CONNECT from {@code address}.
     *
     * @return the device; fails with {@link Refused}: {@link Refusal#SOURCE_LOCKED} at once while the
     *         address, or the user name at it, is locked, {@link Refusal#BAD_CREDENTIALS} after the address's delay, or
     *         {@link Refusal#REGISTRY_UNAVAILABLE} when the registry could not decide (not counted
     *         against the address)
     */
    Future<DeviceIdentity> authenticate(String address, Optional<Credentials> presented) {
        // what the device claims to be: its user name, or its certificate's subject
        String name = presented.map(c -> c.authId() + "@" + c.tenantId()).orElse("");
        Duration locked = throttle.lockedFor(address, name);
        if (!locked.isZero()) {
            return Future.failedFuture(new Refused(Refusal.SOURCE_LOCKED, "too many failed authentications from "
                    + address + ", locked for another " + locked.toSeconds() + " s"));
        }
        Future<DeviceIdentity> checked = presented.map(this::check).orElseGet(() -> Future.failedFuture(
                ClientError.unauthorized("user name must be auth-id@tenant with a password, or a client certificate")));
        return checked.recover(cause -> cause instanceof ClientError ? refuseLater(address, name, cause.getMessage())
                : Future.failedFuture(new Refused(Refusal.REGISTRY_UNAVAILABLE, cause.getMessage())));
    }

    /** Forgets addresses whose failures are old enough. */
    void forgetExpired() {
        throttle.forgetExpired();
    }

    private Future<DeviceIdentity> check(Credentials credentials) {
        if (credentials.certificate().isEmpty()) {
            return registry.authenticate(credentials.tenantId(), credentials.authId(), credentials.password());
        }
        return certificates.tenantOf(credentials.certificate().get()).compose(tenant -> {
            if (!credentials.tenantId().isEmpty() && !credentials.tenantId().equals(tenant)) {
                // the issuer decides the tenant: a user name cannot move a certificate to another tenant
                return Future.failedFuture(ClientError.unauthorized("client certificate of tenant " + tenant
                        + " presented with a user name of tenant " + credentials.tenantId()));
            }
            return registry.authenticateCertificate(tenant, credentials.authId());
        });
    }

    private Future<DeviceIdentity> refuseLater(String address, String name, String detail) {
        Duration delay = throttle.failed(address, name);
        Refused refused = new Refused(Refusal.BAD_CREDENTIALS, detail);
        if (delay.isZero()) {
            return Future.failedFuture(refused);
        }
        Promise<DeviceIdentity> answer = Promise.promise();
        vertx.setTimer(Math.max(1, delay.toMillis()), t -> answer.fail(refused));
        return answer.future();
    }
}
