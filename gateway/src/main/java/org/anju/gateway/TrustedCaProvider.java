package org.anju.gateway;

import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import io.vertx.core.Future;

/**
 * Finds the tenant whose trusted CA issued a client certificate (Hono's tenant API looked up by
 * trust anchor, seen from the gateway).
 */
public interface TrustedCaProvider {

    /**
     * Finds the CA with this subject DN and the tenant that trusts it.
     * <p>
     * The default trusts no CA: a registry without trusted CAs authenticates devices by password
     * only (and by the CAs of the gateway's configuration).
     *
     * @param subject the subject DN of the CA, i.e. the issuer DN of a device's certificate
     * @return the CA and its tenant; empty when no tenant trusts a CA of that name; fails with a
     *         {@link org.anju.error.ServerError} when the registry could not be asked
     */
    default Future<Optional<TrustedCa>> trustedCa(X500Principal subject) {
        return Future.succeededFuture(Optional.empty());
    }
}
