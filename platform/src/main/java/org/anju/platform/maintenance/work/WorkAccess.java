package org.anju.platform.maintenance.work;

import java.sql.SQLException;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * Who sees and changes which work orders (docs/security.md, "Who sees what"): platform
 * administrators every order; property administrators and operators every order of their
 * communities, and they assign, verify and cancel; a technician the orders assigned to them in
 * their communities; a maintenance contractor the orders assigned to their maintainer company in
 * their communities. Technicians and contractors record the work (start, checklist, notes, done)
 * on the orders they see. Nobody else sees any order.
 */
final class WorkAccess {

    /**
     * What of a community's orders a user sees.
     *
     * @param all       every order of the community
     * @param companyId only the orders of this company (a contractor; -1 for a contractor of no company)
     * @param assignee  only the orders assigned to this user (a technician)
     * @param manages   may assign, verify and cancel
     */
    record Sight(boolean all, Long companyId, String assignee, boolean manages) {

        boolean sees(WorkOrder order) {
            return all || (companyId != null && companyId.equals(order.companyId()))
                    || (assignee != null && assignee.equals(order.assignee()));
        }
    }

    private WorkAccess() {
    }

    /** Returns what the user sees of the community's orders, null when nothing (and they may not ask). */
    static Sight sight(UnitOfWork.Tx tx, Principal user, String communityId) throws SQLException {
        if (user.has(Role.PLATFORM_ADMIN)) {
            return new Sight(true, null, null, true);
        }
        if (!user.communityIds().contains(communityId)) {
            return null;
        }
        if (user.has(Role.PROPERTY_ADMIN) || user.has(Role.OPERATOR)) {
            return new Sight(true, null, null, true);
        }
        if (user.has(Role.TECHNICIAN)) {
            return new Sight(false, null, user.username(), false);
        }
        if (user.has(Role.MAINTENANCE_CONTRACTOR)) {
            return new Sight(false, CompanyStore.companyOf(tx, user.username()).orElse(-1L), null, false);
        }
        return null;
    }

    /** Returns whether the user's roles deal with work orders at all (else 403, never 404). */
    static boolean worksOnOrders(Principal user) {
        return user.has(Role.PLATFORM_ADMIN) || user.has(Role.PROPERTY_ADMIN) || user.has(Role.OPERATOR)
                || user.has(Role.TECHNICIAN) || user.has(Role.MAINTENANCE_CONTRACTOR);
    }

    /**
     * Requires that the user may list the community's orders and that it exists.
     *
     * @throws ClientError 403 when they may not, 404 when the community does not exist
     */
    static Sight requireCommunity(UnitOfWork.Tx tx, Principal user, String communityId) throws SQLException {
        Sight sight = sight(tx, user, communityId);
        if (sight == null) {
            throw ClientError.forbidden(user.username() + " may not see the work orders of community '"
                    + communityId + "'");
        }
        if (!Devices.communityExists(tx, communityId)) {
            throw ClientError.notFound("no community '" + communityId + "'");
        }
        return sight;
    }

    /**
     * Requires that the user sees the order (locked when {@code lock}).
     *
     * @throws ClientError 403 for a user whose roles see no orders; 404 for a missing order and for
     *                     an order the user does not see (another company's, another technician's)
     */
    static Seen requireOrder(UnitOfWork.Tx tx, Principal user, long orderId, boolean lock) throws SQLException {
        if (!worksOnOrders(user)) {
            throw ClientError.forbidden(user.username() + " may not see work orders");
        }
        var order = lock ? WorkOrderStore.lock(tx, orderId) : WorkOrderStore.get(tx, orderId);
        Sight sight = order.isEmpty() ? null : sight(tx, user, order.get().communityId());
        if (sight == null || !sight.sees(order.get())) {
            throw ClientError.notFound("no work order " + orderId);
        }
        return new Seen(order.get(), sight);
    }

    /** Requires that the user may assign, verify and cancel the order they see. */
    static void requireManager(Principal user, Seen seen, WorkAction action) {
        if (!seen.sight().manages()) {
            throw ClientError.forbidden(user.username() + " may not " + action.wireName() + " work order "
                    + seen.order().id() + " (property administrators and operators do)");
        }
    }

    /** An order and what the user sees of its community. */
    record Seen(WorkOrder order, Sight sight) {
    }
}
