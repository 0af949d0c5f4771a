package org.anju.gateway;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A CA that a tenant trusts to issue its devices' client certificates (Eclipse Hono's tenant
 * {@code trusted-ca}). A CA belongs to one tenant: the issuer of a device's certificate decides
 * the device's tenant.
 *
 * @param tenantId    the tenant that trusts the CA
 * @param certificate the CA's certificate, whose key verifies the devices' certificates
 */
public record TrustedCa(String tenantId, X509Certificate certificate) {

    public TrustedCa {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(certificate, "certificate");
    }
}
