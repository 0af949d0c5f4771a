package org.anju.platform.testing;

import java.util.Set;

import javax.sql.DataSource;

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
    public static final int TEST_BCRYPT_COST = 4;

    private final Registrar registrar;

    public Fixtures(DataSource dataSource) {
        this.registrar = new Registrar(UnitOfWork.of(dataSource), new PasswordHasher(TEST_BCRYPT_COST));
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

    /** Adds a property user who sees {@link #COMMUNITY} only. */
    public Fixtures propertyUser(String username, String password, String role) {
        registrar.user(username, "Test " + username, password, TENANT, Set.of(role), Set.of(COMMUNITY));
        return this;
    }

    /** Adds a device of {@link #OTHER_COMMUNITY}, without credentials. */
    public Fixtures otherCommunityDevice(String id, String type) {
        registrar.device(new Registrar.Device(id, TENANT, OTHER_COMMUNITY, type, "Other " + type, null, null, null,
                null, null));
        return this;
    }

    /** Adds a platform administrator, who sees every community. */
    public Fixtures platformAdmin(String username, String password) {
        registrar.user(username, "Admin " + username, password, null, Set.of("platform_admin"), Set.of());
        return this;
    }

    public Registrar registrar() {
        return registrar;
    }
}
