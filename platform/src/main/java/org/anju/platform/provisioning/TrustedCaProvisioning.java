package org.anju.platform.provisioning;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.error.ClientError;
import org.anju.platform.registry.Registrar;
import org.anju.platform.registry.TrustedCaStore;

/**
 * Sets the CAs whose client certificates authenticate a tenant's devices (Eclipse Hono's tenant
 * {@code trusted-ca}): a device presenting a certificate such a CA issued belongs to this tenant.
 * A request names the tenant's whole set; CAs of the tenant not named any more are removed. A CA
 * belongs to one tenant: one another tenant trusts is a conflict (409), and then nothing is written.
 * <p>
 * Methods block on JDBC: call them from a worker thread.
 */
public final class TrustedCaProvisioning {

    /** Most CAs one tenant may trust. */
    public static final int MAX_CAS = 100;
    static final String CERTIFICATES = "certificates";

    /**
     * What a request did.
     *
     * @param trustedCas each CA of the request, in request order
     * @param removed    subject DNs of the CAs the tenant trusted before and no longer does
     */
    public record Result(String tenantId, List<TrustedCaOutcome> trustedCas, List<String> removed) {
    }

    /**
     * One trusted CA.
     *
     * @param subjectDn the CA's subject in RFC 2253 form: devices' certificates name it as their issuer
     * @param status    {@code created}, {@code unchanged} or {@code replaced} (a new certificate of the same CA)
     */
    public record TrustedCaOutcome(String subjectDn, Instant notAfter, String status) {
    }

    private final Registrar registrar;

    public TrustedCaProvisioning(Registrar registrar) {
        this.registrar = registrar;
    }

    /**
     * Reads {@code {"certificates": ["-----BEGIN CERTIFICATE-----…", …]}}: each a PEM CA certificate
     * that is valid now; at most {@value #MAX_CAS}; an empty list removes every CA of the tenant.
     *
     * @throws ClientError 400 for a body that is not such an object
     * @throws ProvisioningRejected 400 naming each certificate at fault
     */
    public static List<X509Certificate> read(String body) {
        JsonNode root = ProvisioningRequests.object(body);
        Set<String> unknown = ProvisioningRequests.unknownFields(root, Set.of(CERTIFICATES));
        if (!unknown.isEmpty()) {
            throw ClientError.badRequest("unknown field '" + unknown.iterator().next() + "'");
        }
        JsonNode list = root.path(CERTIFICATES);
        if (!list.isArray() || list.size() > MAX_CAS) {
            throw ClientError.badRequest("'" + CERTIFICATES + "' must be a list of at most " + MAX_CAS
                    + " PEM certificates");
        }
        List<ItemError> errors = new ArrayList<>();
        List<X509Certificate> cas = new ArrayList<>();
        Map<X500Principal, Integer> subjects = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            X509Certificate ca = certificate(list.get(i), i, errors);
            if (ca == null) {
                continue;
            }
            Integer first = subjects.putIfAbsent(ca.getSubjectX500Principal(), i);
            if (first != null) {
                errors.add(new ItemError(CERTIFICATES, i, null, "names the same CA as " + CERTIFICATES + "[" + first + "]"));
            }
            cas.add(ca);
        }
        if (!errors.isEmpty()) {
            throw ProvisioningRejected.invalid(errors);
        }
        return cas;
    }

    /**
     * Makes these CAs the tenant's trusted CAs.
     *
     * @throws ClientError 404 when the tenant does not exist
     * @throws ProvisioningRejected 409 naming each CA another tenant trusts
     */
    public Result replace(String tenantId, List<X509Certificate> cas) {
        List<TrustedCaOutcome> outcomes = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        registrar.inOneTransaction(tx -> {
            tx.lock();
            if (!tx.tenantExists(tenantId)) {
                throw ClientError.notFound("no tenant '" + tenantId + "'");
            }
            List<String> taken = TrustedCaStore.ownedByOthers(tx.tx(), tenantId, cas);
            if (!taken.isEmpty()) {
                throw ProvisioningRejected.conflict(conflicts(cas, taken));
            }
            Map<String, X509Certificate> before = new HashMap<>();
            TrustedCaStore.ofTenant(tx.tx(), tenantId).forEach(ca -> before.put(key(ca), ca));
            TrustedCaStore.replace(tx.tx(), tenantId, cas);
            for (X509Certificate ca : cas) {
                X509Certificate previous = before.remove(key(ca));
                String status = previous == null ? "created" : previous.equals(ca) ? "unchanged" : "replaced";
                outcomes.add(new TrustedCaOutcome(ca.getSubjectX500Principal().getName(), ca.getNotAfter().toInstant(),
                        status));
            }
            removed.addAll(names(before.values()));
        });
        return new Result(tenantId, outcomes, removed);
    }

    private static List<ItemError> conflicts(List<X509Certificate> cas, List<String> taken) {
        List<ItemError> conflicts = new ArrayList<>();
        for (int i = 0; i < cas.size(); i++) {
            if (taken.contains(key(cas.get(i)))) {
                conflicts.add(new ItemError(CERTIFICATES, i, null, "the CA '" + cas.get(i).getSubjectX500Principal().getName()
                        + "' is trusted by another tenant: a CA's certificates belong to one tenant"));
            }
        }
        return conflicts;
    }

    private static X509Certificate certificate(JsonNode pem, int index, List<ItemError> errors) {
        if (!pem.isTextual() || !pem.asText().contains("-----BEGIN CERTIFICATE-----")) {
            errors.add(new ItemError(CERTIFICATES, index, null, "must be a PEM certificate (-----BEGIN CERTIFICATE-----)"));
            return null;
        }
        try {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.asText().getBytes(UTF_8)));
            ca.checkValidity();
            if (ca.getBasicConstraints() < 0) {
                errors.add(new ItemError(CERTIFICATES, index, null, "'" + ca.getSubjectX500Principal().getName()
                        + "' is not a CA certificate (no basic constraints CA:true)"));
                return null;
            }
            return ca;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            errors.add(new ItemError(CERTIFICATES, index, null, "is not valid now: " + e.getMessage()));
        } catch (CertificateException | ClassCastException e) {
            errors.add(new ItemError(CERTIFICATES, index, null, "is not a readable X.509 certificate"));
        }
        return null;
    }

    private static String key(X509Certificate ca) {
        return TrustedCaStore.key(ca.getSubjectX500Principal());
    }

    private static List<String> names(Collection<X509Certificate> cas) {
        return cas.stream().map(ca -> ca.getSubjectX500Principal().getName()).sorted().toList();
    }
}
