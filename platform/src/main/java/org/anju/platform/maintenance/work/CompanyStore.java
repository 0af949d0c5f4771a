package org.anju.platform.maintenance.work;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.anju.platform.storage.UnitOfWork;

/** The SQL of {@code maintainer_companies} and {@code maintainer_company_staff}. */
final class CompanyStore {

    private static final String SELECT = """
            SELECT c.id, c.tenant_id, c.name, array_remove(array_agg(s.username ORDER BY s.username), NULL) AS staff
              FROM maintainer_companies c LEFT JOIN maintainer_company_staff s ON s.company_id = c.id""";

    /** A maintainer company of a tenant. */
    record Company(long id, String tenantId, String name, List<String> staff) {
    }

    private CompanyStore() {
    }

    /** @return the new company's id, empty when the tenant has one of that name */
    static Optional<Long> insert(UnitOfWork.Tx tx, String tenantId, String name, Instant now) throws SQLException {
        return tx.one("""
                INSERT INTO maintainer_companies (tenant_id, name, created_at) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, name) DO NOTHING RETURNING id""", rs -> rs.getLong(1), tenantId, name, now);
    }

    static Optional<Company> get(UnitOfWork.Tx tx, long id) throws SQLException {
        return tx.one(SELECT + " WHERE c.id = ? GROUP BY c.id", CompanyStore::company, id);
    }

    static List<Company> ofTenant(UnitOfWork.Tx tx, String tenantId) throws SQLException {
        return tx.query(SELECT + " WHERE c.tenant_id = ? GROUP BY c.id ORDER BY c.name", CompanyStore::company, tenantId);
    }

    /** Makes the user staff of the company (moving them from another one). */
    static void putStaff(UnitOfWork.Tx tx, long companyId, String username, Instant now) throws SQLException {
        tx.update("""
                INSERT INTO maintainer_company_staff (username, company_id, added_at) VALUES (?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET company_id = EXCLUDED.company_id, added_at = EXCLUDED.added_at""",
                username, companyId, now);
    }

    /** Returns the company a contractor user belongs to. */
    static Optional<Long> companyOf(UnitOfWork.Tx tx, String username) throws SQLException {
        return tx.one("SELECT company_id FROM maintainer_company_staff WHERE username = ?", rs -> rs.getLong(1), username);
    }

    private static Company company(java.sql.ResultSet rs) throws SQLException {
        return new Company(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("name"),
                List.of((String[]) rs.getArray("staff").getArray()));
    }
}
