package org.anju.gateway.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import io.vertx.core.Future;

import org.anju.error.ClientError;
import org.anju.gateway.GatewayOptions;
import org.anju.gateway.TrustedCa;
import org.anju.gateway.TrustedCaProvider;
import org.anju.log.LogSafe;

/**
 * Decides which tenant a device's client certificate belongs to, as Eclipse Hono does: the
 * certificate's issuer DN names a CA, the tenant that trusts that CA is the device's tenant, and
 * the certificate must verify against that CA's key. The TLS handshake has only proven that the
 * device holds the certificate's private key; trust is decided here, per tenant.
 * <p>
 * The CAs of the configuration ({@code mqtt.tls.clientCaPath}, for {@code clientCertTenant}) are
 * looked at first, then the tenants' trusted CAs in the registry. Only the device's own
 * certificate is verified, against the CA that issued it directly; revocation is the registry's
 * (disable the credential or the device).
 */
final class ClientCertificates {

    private final Map<X500Principal, TrustedCa> configured;
    private final TrustedCaProvider registry;

    private ClientCertificates(Map<X500Principal, TrustedCa> configured, TrustedCaProvider registry) {
        this.configured = configured;
        this.registry = registry;
    }

    /**
     * Creates the lookup with the configured CAs, if any.
     *
     * @throws IllegalArgumentException when the CA file cannot be read or holds no certificate
     */
    static ClientCertificates create(Optional<GatewayOptions.Tls> tls, TrustedCaProvider registry) {
        Map<X500Principal, TrustedCa> configured = new HashMap<>();
        tls.filter(GatewayOptions.Tls::configuredClientCas).ifPresent(t -> {
            for (X509Certificate ca : readPem(Path.of(t.clientCaPath()))) {
                configured.put(ca.getSubjectX500Principal(), new TrustedCa(t.clientCertTenant(), ca));
            }
        });
        return new ClientCertificates(Map.copyOf(configured), registry);
    }

    /**
     * Returns the tenant of a device's certificate.
     *
     * @return the tenant whose trusted CA issued the certificate; fails with a {@link ClientError}
     *         401 when no tenant trusts its issuer or it does not verify against the issuer (expired,
     *         not yet valid, signed by another key); with a {@link org.anju.error.ServerError} when the
     *         registry could not be asked
     */
    Future<String> tenantOf(X509Certificate certificate) {
        X500Principal issuer = certificate.getIssuerX500Principal();
        TrustedCa known = configured.get(issuer);
        Future<Optional<TrustedCa>> ca = known != null ? Future.succeededFuture(Optional.of(known))
                : registry.trustedCa(issuer);
        return ca.map(found -> {
            TrustedCa trusted = found.orElseThrow(() -> ClientError.unauthorized("client certificate issued by '"
                    + LogSafe.text(issuer.getName()) + "', a CA no tenant trusts"));
            verify(certificate, trusted);
            return trusted.tenantId();
        });
    }

    private static void verify(X509Certificate certificate, TrustedCa ca) {
        try {
            ca.certificate().checkValidity();
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
        } catch (GeneralSecurityException e) {
            throw ClientError.unauthorized("client certificate does not verify against the CA of tenant "
                    + ca.tenantId() + ": " + LogSafe.text(e.getMessage()));
        }
    }

    /** Reads every certificate of a PEM file. */
    static List<X509Certificate> readPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + file);
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA certificates of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns the device's own certificate of a verified chain, or empty. */
    static Optional<X509Certificate> first(Certificate[] chain) {
        return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x509 ? Optional.of(x509)
                : Optional.empty();
    }
}
