package org.anju.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;

/**
 * Who may manage which users and give what: a property administrator never gives more than they
 * have, never platform roles, never another tenant; platform administrators and the command line
 * may do anything that fits together.
 */
class UserGrantsTest {

    private static final Actor PAM = actor(new Principal("pam", "Pam", "acme", Set.of(Role.PROPERTY_ADMIN),
            Set.of("elm", "oak")));
    private static final Actor ROOT = actor(new Principal("root", "Root", null, Set.of(Role.PLATFORM_ADMIN), Set.of()));
    private static final Actor OTTO = actor(new Principal("otto", "Otto", "acme", Set.of(Role.OPERATOR), Set.of("elm")));
    private static final Map<String, String> COMMUNITIES = Map.of("elm", "acme", "oak", "acme", "pine", "acme",
            "zen", "zenith");

    @Test
    void onlyAdministratorsManageUsers() {
        assertThatCode(() -> UserGrants.requireAdministrator(PAM)).doesNotThrowAnyException();
        assertThatCode(() -> UserGrants.requireAdministrator(ROOT)).doesNotThrowAnyException();
        assertThatCode(() -> UserGrants.requireAdministrator(Actor.commandLine())).doesNotThrowAnyException();
        assertThatThrownBy(() -> UserGrants.requireAdministrator(OTTO)).isInstanceOf(ClientError.class)
                .hasMessageContaining("otto may not manage users").extracting(e -> ((ClientError) e).code())
                .isEqualTo(403);
    }

    @Test
    void aPropertyAdministratorGivesOnlyPropertyRolesAndTheirOwnCommunitiesInTheirOwnTenant() {
        assertThatCode(() -> UserGrants.requireGrantable(PAM, "acme", Set.of(Role.OPERATOR, Role.PROPERTY_ADMIN),
                Set.of("elm"))).doesNotThrowAnyException();

        assertThatThrownBy(() -> UserGrants.requireGrantable(PAM, "acme", Set.of(Role.PLATFORM_ADMIN), Set.of()))
                .hasMessageContaining("may not give the role(s) platform_admin");
        assertThatThrownBy(() -> UserGrants.requireGrantable(PAM, "acme", Set.of(Role.FIRE_BRIGADE), Set.of()))
                .hasMessageContaining("fire_brigade");
        assertThatThrownBy(() -> UserGrants.requireGrantable(PAM, "acme", Set.of(Role.OPERATOR), Set.of("elm", "pine")))
                .hasMessageContaining("may not give access to community(ies) pine");
        assertThatThrownBy(() -> UserGrants.requireGrantable(PAM, "zenith", Set.of(Role.OPERATOR), Set.of()))
                .hasMessageContaining("may manage users of tenant 'acme' only");
        assertThatCode(() -> UserGrants.requireGrantable(ROOT, "zenith", Set.of(Role.PROPERTY_ADMIN), Set.of("zen")))
                .doesNotThrowAnyException();
    }

    @Test
    void aPropertyAdministratorManagesOnlyUsersWhoHaveNoMoreThanThey() {
        UserView operatorOfElm = user("olga", "acme", Set.of(Role.OPERATOR), Set.of("elm"));
        UserView adminOfPine = user("peter", "acme", Set.of(Role.PROPERTY_ADMIN), Set.of("elm", "pine"));
        UserView ofZenith = user("zed", "zenith", Set.of(Role.OPERATOR), Set.of("zen"));
        UserView platformAdmin = user("rooty", null, Set.of(Role.PLATFORM_ADMIN), Set.of());

        assertThat(UserGrants.mayManage(PAM, operatorOfElm)).isTrue();
        assertThat(UserGrants.mayManage(PAM, adminOfPine)).as("has a community pam has not").isFalse();
        assertThat(UserGrants.mayManage(PAM, ofZenith)).isFalse();
        assertThat(UserGrants.mayManage(PAM, platformAdmin)).isFalse();
        assertThat(UserGrants.mayManage(ROOT, ofZenith)).isTrue();
    }

    @Test
    void nobodyChangesTheirOwnRightsHere() {
        UserView pam = user("pam", "acme", Set.of(Role.PROPERTY_ADMIN), Set.of("elm"));

        assertThatThrownBy(() -> UserGrants.requireManageable(PAM, pam, "roles, communities or enabled state"))
                .hasMessage("pam may not change their own roles, communities or enabled state (another administrator"
                        + " does that)");
        assertThatCode(() -> UserGrants.requireManageable(Actor.commandLine(), pam, "password"))
                .doesNotThrowAnyException();
    }

    @Test
    void rolesTenantAndCommunitiesMustFitTogether() {
        assertThatCode(() -> UserGrants.requireConsistent("acme", Set.of(Role.OPERATOR), Set.of("elm"), COMMUNITIES))
                .doesNotThrowAnyException();
        assertThatCode(() -> UserGrants.requireConsistent(null, Set.of(Role.FIRE_BRIGADE), Set.of(), COMMUNITIES))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> UserGrants.requireConsistent("acme", Set.of(), Set.of(), COMMUNITIES))
                .hasMessageStartingWith("a user needs at least one role");
        assertThatThrownBy(() -> UserGrants.requireConsistent(null, Set.of(Role.OPERATOR), Set.of(), COMMUNITIES))
                .hasMessageStartingWith("'tenantId' is required");
        assertThatThrownBy(() -> UserGrants.requireConsistent("acme", Set.of(Role.PLATFORM_ADMIN), Set.of(), COMMUNITIES))
                .hasMessageStartingWith("platform_admin and fire_brigade users have no tenant");
        assertThatThrownBy(() -> UserGrants.requireConsistent("acme", Set.of(Role.PLATFORM_ADMIN, Role.OPERATOR),
                Set.of(), COMMUNITIES)).hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> UserGrants.requireConsistent("acme", Set.of(Role.OPERATOR), Set.of("zen"), COMMUNITIES))
                .hasMessage("no community 'zen' in tenant 'acme'");
        assertThatThrownBy(() -> UserGrants.requireConsistent("acme", Set.of(Role.OPERATOR), Set.of("nowhere"),
                COMMUNITIES)).hasMessage("no community 'nowhere' in tenant 'acme'").extracting(e -> ((ClientError) e).code())
                .isEqualTo(400);
    }

    private static Actor actor(Principal user) {
        return new Actor(user, "192.0.2.1");
    }

    private static UserView user(String name, String tenant, Set<Role> roles, Set<String> communities) {
        return new UserView(name, name, tenant, roles, communities, true, null);
    }
}
