package org.anju.platform.registry;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.anju.error.ServerError;
import org.anju.gateway.TrustedCa;
import org.anju.platform.storage.UnitOfWork;

/**
 * The tenants' trusted CAs (table {@code tenant_trusted_cas}, V23): the CAs whose client
 * certificates authenticate a tenant's devices, as Eclipse Hono's tenant {@code trusted-ca}. A CA
 * belongs to one tenant, found by its subject DN in canonical form, which is what the issuer DN of a
 * device's certificate is compared with. All SQL of the table is here.
 * <p>
 * Methods block on JDBC: call them from a worker thread.
 */
public final class TrustedCaStore {

    private static final String FIND_SQL = "SELECT tenant_id, certificate FROM tenant_trusted_cas WHERE subject_dn = ?";
    private static final String OWNERS_SQL = "SELECT subject_dn, tenant_id FROM tenant_trusted_cas WHERE subject_dn = ANY (?)";
    private static final String OF_TENANT_SQL = "SELECT certificate FROM tenant_trusted_cas WHERE tenant_id = ? ORDER BY subject_dn";
    private static final String REMOVE_OTHERS_SQL = "DELETE FROM tenant_trusted_cas WHERE tenant_id = ? AND NOT (subject_dn = ANY (?))";
    private static final String UPSERT_SQL = """
            INSERT INTO tenant_trusted_cas (subject_dn, tenant_id, certificate, not_after) VALUES (?, ?, ?, ?)
            ON CONFLICT (subject_dn) DO UPDATE SET certificate = EXCLUDED.certificate, not_after = EXCLUDED.not_after
             WHERE tenant_trusted_cas.tenant_id = EXCLUDED.tenant_id""";

    private static final String WHAT = "trusted CAs";

    private final UnitOfWork work;

    public TrustedCaStore(UnitOfWork work) {
        this.work = work;
    }

    /** Returns the key a CA is stored under: its subject DN in canonical form. */
    public static String key(X500Principal subject) {
        return subject.getName(X500Principal.CANONICAL);
    }

    /**
     * Finds the CA with this subject DN and the tenant that trusts it.
     *
     * @throws ServerError when the database cannot be reached
     */
    public Optional<TrustedCa> find(X500Principal subject) {
        return work.read(WHAT, tx -> tx.one(FIND_SQL, rs -> new TrustedCa(rs.getString(1), certificate(rs.getBytes(2))),
                key(subject)));
    }

    /** Returns the CAs the tenant trusts, in the caller's transaction. */
    public static List<X509Certificate> ofTenant(UnitOfWork.Tx tx, String tenantId) throws SQLException {
        return tx.query(OF_TENANT_SQL, rs -> certificate(rs.getBytes(1)), tenantId);
    }

    /**
     * Returns, of these CAs, those another tenant trusts already, with that tenant, in the
     * caller's transaction.
     */
    public static List<String> ownedByOthers(UnitOfWork.Tx tx, String tenantId, List<X509Certificate> cas)
            throws SQLException {
        record Owner(String subjectDn, String tenantId) {
        }
        return tx.query(OWNERS_SQL, rs -> new Owner(rs.getString(1), rs.getString(2)), (Object) keys(cas)).stream()
                .filter(owner -> !owner.tenantId().equals(tenantId)).map(Owner::subjectDn).toList();
    }

    /**
     * Makes these the tenant's trusted CAs, in the caller's transaction: others of the tenant are
     * removed, these added or replaced (a renewed CA certificate with the same subject). A CA
     * another tenant trusts is left to it; check {@link #ownedByOthers} first.
     */
    public static void replace(UnitOfWork.Tx tx, String tenantId, List<X509Certificate> cas) throws SQLException {
        tx.update(REMOVE_OTHERS_SQL, tenantId, keys(cas));
        List<Object[]> rows = new ArrayList<>();
        for (X509Certificate ca : cas) {
            rows.add(new Object[] {key(ca.getSubjectX500Principal()), tenantId, encoded(ca), ca.getNotAfter().toInstant()});
        }
        tx.batch(UPSERT_SQL, rows, row -> row);
    }

    private static String[] keys(List<X509Certificate> cas) {
        return cas.stream().map(ca -> key(ca.getSubjectX500Principal())).toArray(String[]::new);
    }

    private static byte[] encoded(X509Certificate ca) throws SQLException {
        try {
            return ca.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new SQLException("CA certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(byte[] der) throws SQLException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new SQLException("unreadable trusted CA certificate: " + e.getMessage(), e);
        }
    }
}
