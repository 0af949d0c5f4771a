package org.anju.platform.api;

import java.sql.SQLException;
import java.time.LocalDate;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.estate.Households;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.storage.UnitOfWork;

/**
 * Who may see and pay a household's invoices and payments: its residents (members today) and the
 * billing readers of its community ({@link BillingAccess}). A resident learns nothing of other
 * households' records (404), like staff not of the community (403) learn nothing of them either.
 */
final class PaymentAccess {

    private PaymentAccess() {
    }

    /**
     * Requires that the user may see (and pay) the record of the household in the community.
     *
     * @param what the record, as named in the 404 ({@code invoice 12}, {@code payment 7})
     */
    static void requireVisible(UnitOfWork.Tx tx, Principal user, DeviceRegistry registry, String communityId,
            long householdId, LocalDate today, String what) throws SQLException {
        if (user.has(Role.RESIDENT)) {
            if (Households.ofUser(tx, user.username(), today).stream()
                    .noneMatch(m -> m.household().id() == householdId)) {
                throw ClientError.notFound(what + " not found");
            }
            return;
        }
        BillingAccess.requireReader(user, registry, communityId);
    }

    /** Answers a record that does not exist: 404 to those who could see one, 403 to the others. */
    static ClientError missing(Principal user, String what) {
        if (user.has(Role.PLATFORM_ADMIN) || user.has(Role.RESIDENT)) {
            return ClientError.notFound(what + " not found");
        }
        if (user.has(Role.PROPERTY_ADMIN) || user.has(Role.OPERATOR)) {
            // staff learn nothing of records outside their communities, and a missing one is outside
            return ClientError.forbidden(user.username() + " may not see " + what
                    + ": staff of its community and its household's residents do");
        }
        return ClientError.forbidden(user.username() + " may not see payments");
    }
}
