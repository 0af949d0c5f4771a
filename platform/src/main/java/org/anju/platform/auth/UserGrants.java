package org.anju.platform.auth;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.anju.error.ClientError;

/**
 * Who may manage which users, and what a user may be given. Pure rules, no I/O.
 * <p>
 * Platform administrators (and the command line) manage every user and give any role. A property
 * administrator manages the users of their own tenant who have no more than they have (roles a
 * property administrator may give, communities among their own), and gives only such roles
 * (never {@code platform_admin} or {@code fire_brigade}) and only their own communities. Nobody
 * changes their own roles, communities or enabled state, or resets their own password here.
 */
final class UserGrants {

    /** Roles of a property company's staff and residents: they need a tenant. */
    static final Set<Role> TENANT_ROLES = EnumSet.of(Role.PROPERTY_ADMIN, Role.OPERATOR, Role.TECHNICIAN,
            Role.MAINTENANCE_CONTRACTOR, Role.RESIDENT);

    private UserGrants() {
    }

    /** Requires an administrator of users. @throws ClientError 403 */
    static void requireAdministrator(Actor actor) {
        if (actor.isCommandLine() || actor.user().has(Role.PLATFORM_ADMIN)) {
            return;
        }
        if (!actor.user().has(Role.PROPERTY_ADMIN) || actor.user().tenantId() == null) {
            throw ClientError.forbidden(actor.name() + " may not manage users: platform and property administrators do");
        }
    }

    /** Returns whether the actor may see and manage the user. */
    static boolean mayManage(Actor actor, UserView target) {
        if (actor.isCommandLine() || actor.user().has(Role.PLATFORM_ADMIN)) {
            return true;
        }
        Principal admin = actor.user();
        return admin.has(Role.PROPERTY_ADMIN) && admin.tenantId() != null && admin.tenantId().equals(target.tenantId())
                && TENANT_ROLES.containsAll(target.roles()) && admin.communityIds().containsAll(target.communityIds());
    }

    /** Requires that the actor may change the user, and that it is not themselves. @throws ClientError 403 */
    static void requireManageable(Actor actor, UserView target, String what) {
        if (!mayManage(actor, target)) {
            throw ClientError.forbidden(actor.name() + " may not manage user '" + target.username() + "'");
        }
        if (!actor.isCommandLine() && actor.user().username().equals(target.username())) {
            throw ClientError.forbidden(actor.name() + " may not change their own " + what
                    + " (another administrator does that)");
        }
    }

    /**
     * Requires that the actor may give these roles and communities in this tenant.
     *
     * @throws ClientError 403 naming what is beyond the actor
     */
    static void requireGrantable(Actor actor, String tenantId, Set<Role> roles, Set<String> communityIds) {
        if (actor.isCommandLine() || actor.user().has(Role.PLATFORM_ADMIN)) {
            return;
        }
        Principal admin = actor.user();
        if (!admin.tenantId().equals(tenantId)) {
            throw ClientError.forbidden(admin.username() + " may manage users of tenant '" + admin.tenantId()
                    + "' only");
        }
        Set<String> beyondRoles = new TreeSet<>();
        roles.stream().filter(r -> !TENANT_ROLES.contains(r)).forEach(r -> beyondRoles.add(r.wireName()));
        if (!beyondRoles.isEmpty()) {
            throw ClientError.forbidden(admin.username() + " may not give the role(s) " + String.join(", ", beyondRoles)
                    + ": property administrators give " + wireNames(TENANT_ROLES));
        }
        Set<String> beyondCommunities = new TreeSet<>(communityIds);
        beyondCommunities.removeAll(admin.communityIds());
        if (!beyondCommunities.isEmpty()) {
            throw ClientError.forbidden(admin.username() + " may not give access to community(ies) "
                    + String.join(", ", beyondCommunities) + ": only to their own");
        }
    }

    /**
     * Requires that roles, tenant and communities fit together: at least one role; property roles
     * with a tenant, {@code platform_admin} and {@code fire_brigade} without one (and without
     * communities); communities that exist and are the tenant's.
     *
     * @param communityTenants the tenant of each community named that exists
     * @throws ClientError 400 naming what does not fit
     */
    static void requireConsistent(String tenantId, Set<Role> roles, Set<String> communityIds,
            Map<String, String> communityTenants) {
        if (roles.isEmpty()) {
            throw ClientError.badRequest("a user needs at least one role: " + wireNames(EnumSet.allOf(Role.class)));
        }
        boolean tenantRoles = roles.stream().anyMatch(TENANT_ROLES::contains);
        boolean platformRoles = roles.stream().anyMatch(r -> !TENANT_ROLES.contains(r));
        if (tenantRoles && platformRoles) {
            throw ClientError.badRequest("roles " + wireNames(TENANT_ROLES)
                    + " (a property company's) cannot be combined with platform_admin or fire_brigade");
        }
        if (tenantRoles && tenantId == null) {
            throw ClientError.badRequest("'tenantId' is required for roles " + wireNames(TENANT_ROLES));
        }
        if (platformRoles && (tenantId != null || !communityIds.isEmpty())) {
            throw ClientError.badRequest("platform_admin and fire_brigade users have no tenant and no communities"
                    + " (they see every community)");
        }
        for (String community : new TreeSet<>(communityIds)) {
            if (!tenantId.equals(communityTenants.get(community))) {
                throw ClientError.badRequest("no community '" + community + "' in tenant '" + tenantId + "'");
            }
        }
    }

    static String wireNames(Set<Role> roles) {
        return String.join(", ", roles.stream().map(Role::wireName).toList());
    }
}
