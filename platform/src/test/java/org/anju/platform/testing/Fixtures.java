package org.anju.platform.testing;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.anju.platform.auth.Role;
import org.anju.platform.auth.TenantDirectory;
import org.anju.platform.auth.UserAccounts;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.registry.PasswordHasher;
import org.anju.platform.registry.Registrar;
import org.anju.platform.storage.UnitOfWork;

/**
 * A small community for tests: tenant {@code acme}, community {@code elm-court}, one building and
 * the devices and users a test asks for. bcrypt runs at its cheapest cost here: tests check
 * behaviour, not hashing strength.
 */
public final class Fixtures {

    public static final String TENANT = "acme";
    public static final String COMMUNITY = "elm-court";
    public static final String OTHER_COMMUNITY = "oak-yard";
    /** A second property company, without communities: for checks that one tenant's staff never reach another's. */
    public static final String OTHER_TENANT = "zenith";
    public static final int TEST_BCRYPT_COST = 4;

    private final Registrar registrar;
    private final UserAccounts users;
    private final UnitOfWork work;

    public Fixtures(DataSource dataSource) {
        this(dataSource, name -> { });
    }

    /**
     * @param usersChanged told each user name the fixtures create or change (a running platform's
     *                     sessions forget what they remember of it)
     */
    public Fixtures(DataSource dataSource, Consumer<String> usersChanged) {
        PasswordHasher hasher = new PasswordHasher(TEST_BCRYPT_COST);
        this.work = UnitOfWork.of(dataSource);
        this.registrar = new Registrar(work, hasher);
        this.users = new UserAccounts(work, hasher, TenantDirectory.of(new DeviceRegistry(work)), usersChanged);
        registrar.tenant(TENANT, "Acme Property");
        registrar.community(new Registrar.Community(COMMUNITY, TENANT, "Elm Court", "1 Elm Road", null, null));
        registrar.community(new Registrar.Community(OTHER_COMMUNITY, TENANT, "Oak Yard", "2 Oak Road", null, null));
        registrar.building(new Registrar.Building("elm-b1", COMMUNITY, "Building 1", 6, 1));
    }

    /** Adds a device of the community that authenticates as {@code id@acme} with the secret. */
    public Fixtures device(String id, String type, String secret) {
        registrar.device(new Registrar.Device(id, TENANT, COMMUNITY, type, "Test " + type, "elm-b1", 3,
                "Corridor", null, null));
        registrar.deviceCredential(TENANT, id, id, secret);
        return this;
    }

    /**
     * Adds households 1 (flat 301) and 2 (flat 401) of {@link #COMMUNITY}, building elm-b1, each
     * owned since 2020 by one of the residents (users that exist already).
     */
    public Fixtures twoHouseholds(String firstOwner, String secondOwner) {
        work.inTransaction("test households", tx -> {
            tx.update("INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) "
                    + "VALUES (1, ?, 'elm-b1', NULL, 3, '301', 89.50), (2, ?, 'elm-b1', NULL, 4, '401', 92.00)",
                    COMMUNITY, COMMUNITY);
            return tx.update("INSERT INTO household_members (household_id, username, relation, since) VALUES "
                    + "(1, ?, 'owner', DATE '2020-01-01'), (2, ?, 'owner', DATE '2020-01-01')", firstOwner, secondOwner);
        });
        return this;
    }

    /** Adds a property user who sees {@link #COMMUNITY} only. */
    public Fixtures propertyUser(String username, String password, String role) {
        return user(username, "Test " + username, password, TENANT, Set.of(role), Set.of(COMMUNITY));
    }

    /**
     * Creates or replaces a user ({@code roles} by wire name); the password must meet the policy
     * (at least 12 characters).
     */
    public Fixtures user(String username, String displayName, String password, String tenantId, Set<String> roles,
            Set<String> communityIds) {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        roles.forEach(r -> parsed.add(Role.fromWireName(r).orElseThrow(() -> new IllegalArgumentException(r))));
        users.seed(username, displayName, password, tenantId, parsed, communityIds);
        return this;
    }

    /** Adds a device of {@link #OTHER_COMMUNITY}, without credentials. */
    public Fixtures otherCommunityDevice(String id, String type) {
        registrar.device(new Registrar.Device(id, TENANT, OTHER_COMMUNITY, type, "Other " + type, null, null, null,
                null, null));
        return this;
    }

    /** Adds tenant {@link #OTHER_TENANT} and a property administrator of it. */
    public Fixtures otherTenantAdmin(String username, String password) {
        registrar.tenant(OTHER_TENANT, "Zenith Estates");
        return user(username, "Admin " + username, password, OTHER_TENANT, Set.of("property_admin"), Set.of());
    }

    /** Adds a platform administrator, who sees every community. */
    public Fixtures platformAdmin(String username, String password) {
        return user(username, "Admin " + username, password, null, Set.of("platform_admin"), Set.of());
    }

    public Registrar registrar() {
        return registrar;
    }
}
