package org.anju.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The users API over real HTTP: platform administrators manage every user, property
 * administrators their own tenant's within their own rights; passwords meet the policy; a reset
 * ends the user's sessions; a community a property administrator creates is theirs at once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UsersApiIT {

    private static RunningPlatform running;
    private static ApiCalls api;
    private static String root;
    private static String pam;
    private static String zed;
    private static String otto;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of());
        Fixtures fixtures = running.fixtures().platformAdmin("root", "root-password")
                .propertyUser("pam", "pam-password", "property_admin")
                .propertyUser("otto", "otto-password", "operator");
        fixtures.otherTenantAdmin("zed", "zed-password");
        api = new ApiCalls(running);
        root = running.login("root", "root-password");
        pam = running.login("pam", "pam-password");
        zed = running.login("zed", "zed-password");
        otto = running.login("otto", "otto-password");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aPlatformAdministratorCreatesTheFirstPropertyAdministratorWithAGeneratedPassword() throws Exception {
        JsonNode created = api.post("/api/v1/users", root, """
                {"username": "zara", "displayName": "Zara", "tenantId": "zenith", "roles": ["property_admin"]}""", 201);

        assertThat(created.get("tenantId").asText()).isEqualTo("zenith");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        String password = created.get("password").asText();
        assertThat(password).hasSize(PasswordPolicy.GENERATED_LENGTH);
        JsonNode me = api.get("/api/v1/me", running.login("zara", password), 200);
        assertThat(me.get("roles").toString()).isEqualTo("[\"property_admin\"]");
        assertThat(api.get("/api/v1/users/zara", root, 200).has("password")).as("shown once").isFalse();
        assertThat(ApiCalls.message(api.post("/api/v1/users", root,
                "{\"username\": \"zara\", \"tenantId\": \"zenith\", \"roles\": [\"operator\"]}", 409))).isEqualTo(
                "user 'zara' exists");
    }

    @Test
    void aPropertyAdministratorCreatesUsersOfTheirTenantWithNoMoreThanTheyHave() throws Exception {
        JsonNode created = api.post("/api/v1/users", pam, """
                {"username": "olaf", "roles": ["operator"], "communityIds": ["elm-court"],
                 "password": "olaf's long password"}""", 201);
        assertThat(created.get("tenantId").asText()).as("the admin's own tenant").isEqualTo(Fixtures.TENANT);
        assertThat(created.has("password")).isFalse();
        running.login("olaf", "olaf's long password");

        assertThat(ApiCalls.message(api.post("/api/v1/users", pam,
                "{\"username\": \"mal\", \"roles\": [\"platform_admin\"]}", 403)))
                .contains("may not give the role(s) platform_admin");
        assertThat(ApiCalls.message(api.post("/api/v1/users", pam,
                "{\"username\": \"mal\", \"roles\": [\"operator\"], \"communityIds\": [\"oak-yard\"]}", 403)))
                .contains("may not give access to community(ies) oak-yard");
        assertThat(ApiCalls.message(api.post("/api/v1/users", pam,
                "{\"username\": \"mal\", \"tenantId\": \"zenith\", \"roles\": [\"operator\"]}", 403)))
                .contains("may manage users of tenant 'acme' only");
        assertThat(ApiCalls.message(api.post("/api/v1/users", otto,
                "{\"username\": \"mal\", \"roles\": [\"operator\"]}", 403))).contains("otto may not manage users");
        assertThat(running.sqlRows("SELECT count(*) FROM users WHERE username = 'mal'")).containsExactly("0");
    }

    @Test
    void passwordsMeetThePolicyAndOneOver72BytesIsA400NamingTheLimit() throws Exception {
        assertThat(ApiCalls.message(api.post("/api/v1/users", root,
                "{\"username\": \"tess\", \"tenantId\": \"acme\", \"roles\": [\"technician\"], \"password\": \"short\"}",
                400))).isEqualTo("the password must be at least 12 characters long");
        String seventyFive = "安居乐业密码".repeat(4) + "安";
        assertThat(ApiCalls.message(api.post("/api/v1/users", root, "{\"username\": \"tess\", \"tenantId\": \"acme\","
                + " \"roles\": [\"technician\"], \"password\": \"" + seventyFive + "\"}", 400))).isEqualTo(
                "the password is 75 bytes long in UTF-8; at most 72 bytes are allowed (bcrypt's limit)");
        assertThat(ApiCalls.message(api.post("/api/v1/users", root,
                "{\"username\": \"tess\", \"tenantId\": \"acme\", \"roles\": [\"wizard\"]}", 400))).startsWith(
                "unknown role 'wizard'");
        assertThat(ApiCalls.message(api.post("/api/v1/users", root,
                "{\"username\": \"Tess!\", \"tenantId\": \"acme\", \"roles\": [\"technician\"]}", 400))).startsWith(
                "user name 'Tess!' is not valid");
        assertThat(ApiCalls.message(api.post("/api/v1/users", root,
                "{\"username\": \"tess\", \"tenantId\": \"nowhere\", \"roles\": [\"technician\"]}", 400))).isEqualTo(
                "no tenant 'nowhere'");
    }

    @Test
    void aPropertyAdministratorSeesOnlyTheirTenantsUsers() throws Exception {
        List<String> seen = names(api.get("/api/v1/users?limit=500", pam, 200));
        assertThat(seen).contains("pam", "otto").doesNotContain("zed", "root");
        assertThat(names(api.get("/api/v1/users?tenantId=zenith", pam, 200))).as("tenantId is a platform filter")
                .doesNotContain("zed");

        assertThat(ApiCalls.message(api.get("/api/v1/users/zed", pam, 403))).isEqualTo("pam may not see user 'zed'");
        assertThat(ApiCalls.message(api.get("/api/v1/users/nobody", pam, 403))).isEqualTo("pam may not see user 'nobody'");
        assertThat(ApiCalls.message(api.get("/api/v1/users/nobody", root, 404))).isEqualTo("no user 'nobody'");
        assertThat(names(api.get("/api/v1/users?tenantId=zenith", root, 200))).contains("zed").doesNotContain("pam");
        JsonNode firstPage = api.get("/api/v1/users?limit=1", root, 200);
        assertThat(firstPage.get("users")).hasSize(1);
        String first = firstPage.get("users").get(0).get("username").asText();
        assertThat(api.get("/api/v1/users?limit=1&cursor=" + firstPage.get("nextCursor").asText(), root, 200)
                .get("users").get(0).get("username").asText()).isGreaterThan(first);
        assertThat(ApiCalls.message(api.get("/api/v1/users?limit=2001", root, 400))).as("the directory's page limit")
                .contains("2000", "users");
        assertThat(ApiCalls.message(api.get("/api/v1/users?cursor=not-a-cursor", root, 400))).contains("cursor");
    }

    @Test
    void aPropertyAdministratorChangesOnlyUsersWithNoMoreThanTheyHaveAndNeverThemselves() throws Exception {
        running.fixtures().user("petra", "Petra", "petra-password", Fixtures.TENANT, Set.of("property_admin"),
                Set.of(Fixtures.COMMUNITY, Fixtures.OTHER_COMMUNITY));
        running.fixtures().propertyUser("tom", "tom-password", "technician");

        assertThat(ApiCalls.message(api.patch("/api/v1/users/petra", pam, "{\"enabled\": false}", 403)))
                .isEqualTo("pam may not manage user 'petra'");
        assertThat(ApiCalls.message(api.patch("/api/v1/users/pam", pam, "{\"roles\": [\"operator\"]}", 403)))
                .startsWith("pam may not change their own roles");
        assertThat(ApiCalls.message(api.patch("/api/v1/users/tom", pam, "{\"roles\": [\"platform_admin\"]}", 403)))
                .contains("may not give the role(s) platform_admin");
        JsonNode tom = api.patch("/api/v1/users/tom", pam, "{\"roles\": [\"technician\", \"operator\"], \"displayName\": \"Tom T.\"}", 200);
        assertThat(tom.get("roles").toString()).isEqualTo("[\"operator\",\"technician\"]");
        assertThat(tom.get("displayName").asText()).isEqualTo("Tom T.");
        assertThat(ApiCalls.message(api.patch("/api/v1/users/tom", pam, "{\"admin\": true}", 400)))
                .startsWith("unknown field 'admin'");
        assertThat(ApiCalls.message(api.patch("/api/v1/users/zed", pam, "{\"enabled\": false}", 403)))
                .isEqualTo("pam may not see user 'zed'");
    }

    @Test
    void aPasswordResetEndsTheUsersSessionsAndTheOldPassword() throws Exception {
        running.fixtures().propertyUser("rhea", "rhea-password", "operator");
        String session = running.login("rhea", "rhea-password");

        JsonNode reset = api.post("/api/v1/users/rhea/password", pam, "{}", 200);

        running.assertRefused("/api/v1/me", session, 401, "session ended");
        assertThat(running.post("/api/v1/auth/login", "{\"username\": \"rhea\", \"password\": \"rhea-password\"}")
                .statusCode()).isEqualTo(401);
        // the failure just above makes the name wait a second before its next attempt
        String fresh = loginWhenAllowed("rhea", reset.get("password").asText());
        api.post("/api/v1/users/rhea/password", root, "{\"password\": \"rhea's new password\"}", 200);
        running.assertRefused("/api/v1/me", fresh, 401, "session ended");
        running.login("rhea", "rhea's new password");
    }

    @Test
    void usersChangeTheirOwnPasswordWithTheCurrentOneAndTheirOtherSessionsEnd() throws Exception {
        running.fixtures().propertyUser("ivy", "ivy-password", "operator");
        String here = running.login("ivy", "ivy-password");
        String elsewhere = running.login("ivy", "ivy-password");

        assertThat(ApiCalls.message(api.post("/api/v1/me/password", here,
                "{\"currentPassword\": \"wrong-password\", \"newPassword\": \"ivy's new password\"}", 403)))
                .isEqualTo("the current password is wrong");
        assertThat(running.get("/api/v1/me/password", here).statusCode()).isEqualTo(404);
        assertThat(running.http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(running.baseUrl()
                        + "/api/v1/me/password")).header("Authorization", "Bearer " + here)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"currentPassword\": \"ivy-password\", \"newPassword\": \"ivy's new password\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);

        assertThat(running.get("/api/v1/me", here).statusCode()).isEqualTo(200);
        running.assertRefused("/api/v1/me", elsewhere, 401, "session ended");
        running.login("ivy", "ivy's new password");
    }

    /** Regression: a community a property admin created was not theirs to see ("admin may not see community 'sim-court'"). */
    @Test
    void aCommunityAPropertyAdministratorCreatesIsTheirsToSeeAtOnce() throws Exception {
        api.put("/api/v1/provisioning/tenants/acme/communities/sim-court", pam,
                "{\"name\": \"Sim Court\", \"buildings\": [{\"id\": \"sim-b1\", \"name\": \"Building 1\", \"floorsAbove\": 6}]}",
                200);

        assertThat(api.get("/api/v1/communities/sim-court/devices", pam, 200).get("communityId").asText())
                .isEqualTo("sim-court");
        assertThat(running.sqlRows("SELECT action, actor, detail->>'communityId' FROM audit_log"
                + " WHERE action = 'user.community_granted'")).containsExactly("user.community_granted pam sim-court");
        assertThat(api.get("/api/v1/communities/sim-court/devices", otto, 403)).isNotNull();
    }

    private static String loginWhenAllowed(String user, String password) {
        String[] token = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = running.post("/api/v1/auth/login",
                    "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
            token[0] = response.statusCode() == 200 ? RunningPlatform.json(response).get("token").asText() : null;
            return token[0] != null;
        });
        return token[0];
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("users").forEach(u -> names.add(u.get("username").asText()));
        return names;
    }
}
