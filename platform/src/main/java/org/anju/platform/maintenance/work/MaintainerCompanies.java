package org.anju.platform.maintenance.work;

import java.time.Clock;
import java.util.List;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.auth.UserDirectory;
import org.anju.platform.auth.UserView;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * The maintainer companies of a property company (tenant) and their staff: the maintenance
 * contractor users who see the work orders assigned to their company. Platform administrators and
 * the tenant's property administrators add companies and staff; the tenant's operators read them
 * (to assign work).
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
public final class MaintainerCompanies {

    private static final String WHAT = "maintainer companies";

    private final UnitOfWork db;
    private final Clock clock;

    /** A company as the API shows it. */
    public record Company(long id, String tenantId, String name, List<String> staff) {
    }

    public MaintainerCompanies(UnitOfWork db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Returns the tenant's companies. */
    public List<Company> list(Principal user, String tenantId) {
        require(user, tenantId, true);
        return db.read(WHAT, tx -> {
            requireTenant(tx, tenantId);
            return CompanyStore.ofTenant(tx, tenantId).stream().map(MaintainerCompanies::view).toList();
        });
    }

    /**
     * Adds a company ({@code name}) to the tenant.
     *
     * @throws ClientError 409 when the tenant has a company of that name
     */
    public Company create(Principal user, String tenantId, JsonObject body, AuditEntry audit) {
        require(user, tenantId, false);
        String name = WorkRequests.text(body, "name", 200);
        return db.inTransaction(WHAT, tx -> {
            requireTenant(tx, tenantId);
            long id = CompanyStore.insert(tx, tenantId, name, clock.instant()).orElseThrow(() -> new ClientError(
                    ClientError.CONFLICT, "tenant '" + tenantId + "' has a maintainer company named '" + name + "'"));
            AuditLog.write(tx, audit.forTenant(tenantId).about("maintainer-company:" + id).with("name", name));
            return view(CompanyStore.get(tx, id).orElseThrow());
        });
    }

    /**
     * Makes a maintenance contractor user of the company's tenant staff of the company (moving them
     * from another company of the tenant).
     *
     * @throws ClientError 404 for a missing company or one of another tenant (to property
     *                     administrators), 400 when the user is not a contractor of the tenant
     */
    public Company putStaff(Principal user, long companyId, String username, AuditEntry audit) {
        if (!user.has(Role.PLATFORM_ADMIN) && !user.has(Role.PROPERTY_ADMIN)) {
            throw ClientError.forbidden(user.username() + " may not change maintainer companies");
        }
        return db.inTransaction(WHAT, tx -> {
            CompanyStore.Company company = CompanyStore.get(tx, companyId)
                    .filter(c -> user.has(Role.PLATFORM_ADMIN) || c.tenantId().equals(user.tenantId()))
                    .orElseThrow(() -> ClientError.notFound("no maintainer company " + companyId));
            UserView staff = UserDirectory.find(tx, username).orElse(null);
            if (staff == null || !staff.roles().contains(Role.MAINTENANCE_CONTRACTOR)
                    || !company.tenantId().equals(staff.tenantId())) {
                throw ClientError.badRequest("'" + username + "' is not a maintenance contractor of tenant '"
                        + company.tenantId() + "'");
            }
            CompanyStore.putStaff(tx, companyId, username, clock.instant());
            AuditLog.write(tx, audit.forTenant(company.tenantId()).about("maintainer-company:" + companyId)
                    .with("staff", username));
            return view(CompanyStore.get(tx, companyId).orElseThrow());
        });
    }

    private static void require(Principal user, String tenantId, boolean read) {
        boolean own = tenantId.equals(user.tenantId())
                && (user.has(Role.PROPERTY_ADMIN) || (read && user.has(Role.OPERATOR)));
        if (!user.has(Role.PLATFORM_ADMIN) && !own) {
            throw ClientError.forbidden(user.username() + " may not " + (read ? "see" : "change")
                    + " the maintainer companies of tenant '" + tenantId + "'");
        }
    }

    private static void requireTenant(UnitOfWork.Tx tx, String tenantId) throws java.sql.SQLException {
        if (!Devices.tenantExists(tx, tenantId)) {
            throw ClientError.notFound("no tenant '" + tenantId + "'");
        }
    }

    private static Company view(CompanyStore.Company c) {
        return new Company(c.id(), c.tenantId(), c.name(), c.staff());
    }
}
