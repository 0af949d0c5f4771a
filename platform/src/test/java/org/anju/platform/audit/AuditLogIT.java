package org.anju.platform.audit;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.gateway.Device5;
import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The audit log over real HTTP and MQTT: every kind of security-relevant action leaves its row
 * (who, from where, what), a refused action none; administrators read it by tenant, bounded;
 * entries past retention go.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AuditLogIT {

    private static final String SECRET = "det-secret";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String root;
    private static String pam;
    private static String zed;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true"));
        Fixtures fixtures = running.fixtures().platformAdmin("root", "root-password")
                .propertyUser("pam", "pam-password", "property_admin")
                .propertyUser("otto", "otto-password", "operator")
                .device("det-1", "smoke_detector", SECRET).device("cam-1", "camera", SECRET);
        fixtures.otherTenantAdmin("zed", "zed-password");
        api = new ApiCalls(running);
        root = running.login("root", "root-password");
        pam = running.login("pam", "pam-password");
        zed = running.login("zed", "zed-password");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void logInsFailedLogInsAndLogOutsAreAudited() throws Exception {
        running.fixtures().propertyUser("lou", "lou-password", "operator");
        assertThat(running.post("/api/v1/auth/login", "{\"username\": \"lou\", \"password\": \"wrong-password\"}")
                .statusCode()).isEqualTo(401);
        assertThat(running.post("/api/v1/auth/login", "{\"username\": \"ghost\", \"password\": \"wrong-password\"}")
                .statusCode()).isEqualTo(401);
        String token = await().atMost(Duration.ofSeconds(30)).until(() -> tryLogin("lou", "lou-password"), t -> t != null);
        send("POST", "/api/v1/auth/logout", token, "");

        assertThat(rows("actor IN ('lou', 'ghost')")).containsExactly(
                "login.failed lou acme 127.0.0.1 lou",
                "login.failed ghost null 127.0.0.1 ghost",
                "login lou acme 127.0.0.1 lou",
                "logout lou acme 127.0.0.1 lou");
    }

    @Test
    void userChangesAreAuditedWithWhatChangedAndARefusedChangeLeavesNoRow() throws Exception {
        api.post("/api/v1/users", pam, "{\"username\": \"uma\", \"roles\": [\"operator\"], \"communityIds\": [\"elm-court\"],"
                + " \"password\": \"uma's long password\"}", 201);
        api.patch("/api/v1/users/uma", pam, "{\"roles\": [\"technician\"]}", 200);
        api.post("/api/v1/users/uma/password", root, "{}", 200);
        api.patch("/api/v1/users/uma", pam, "{\"roles\": [\"platform_admin\"]}", 403);

        assertThat(rows("target = 'uma'")).containsExactly(
                "user.created pam acme 127.0.0.1 uma",
                "user.updated pam acme 127.0.0.1 uma",
                "user.password_reset root acme 127.0.0.1 uma");
        assertThat(running.sqlRows("SELECT detail->>'roles', detail->>'previousRoles' FROM audit_log"
                + " WHERE action = 'user.updated' AND target = 'uma'")).containsExactly("[\"technician\"] [\"operator\"]");
        assertThat(running.sqlRows("SELECT count(*) FROM audit_log WHERE detail::text LIKE '%password\"%'"))
                .as("no password in any detail").containsExactly("0");
    }

    @Test
    void commandsWebhooksAndSettingsChangesAreAudited() throws Exception {
        api.post("/api/v1/devices/cam-1/commands", pam, "{\"name\": \"reboot\"}", 503);
        JsonNode hook = api.post("/api/v1/webhooks/subscriptions", pam, "{\"name\": \"duty desk\","
                + " \"url\": \"http://127.0.0.1:9/hook?token=abc\", \"topics\": [\"alert.*\"],"
                + " \"communityIds\": [\"elm-court\"]}", 201);
        long id = hook.get("id").asLong();
        api.patch("/api/v1/webhooks/subscriptions/" + id, pam, "{\"enabled\": false}", 200);
        send("DELETE", "/api/v1/webhooks/subscriptions/" + id, pam, "");
        api.put("/api/v1/communities/elm-court/alert-settings", root, "{\"lowBatteryPercent\": 20}", 200);

        assertThat(rows("action IN ('device.command', 'webhook.created', 'webhook.updated', 'webhook.deleted',"
                + " 'alert_settings.updated')")).containsExactly(
                "device.command pam acme 127.0.0.1 device:cam-1",
                "webhook.created pam acme 127.0.0.1 webhook:" + id,
                "webhook.updated pam acme 127.0.0.1 webhook:" + id,
                "webhook.deleted pam acme 127.0.0.1 webhook:" + id,
                "alert_settings.updated root acme 127.0.0.1 community:elm-court");
        assertThat(running.sqlRows("SELECT detail->>'command', detail->>'failed' FROM audit_log WHERE action = 'device.command'"))
                .containsExactly("reboot 503");
        assertThat(running.sqlRows("SELECT detail->>'url' FROM audit_log WHERE action = 'webhook.created'"))
                .as("no query (tokens) from the URL").containsExactly("http://127.0.0.1:9/hook");
        assertThat(running.sqlRows("SELECT detail->'changes'->>'lowBatteryPercent' FROM audit_log"
                + " WHERE action = 'alert_settings.updated'")).containsExactly("20");
    }

    @Test
    void fireWorkflowTransitionsAreAuditedInTheirTransactionAndARefusedOneLeavesNone() throws Exception {
        String otto = running.login("otto", "otto-password");
        Device5 device = Device5.connect(running.mqttUri(), "det-1-audit", "det-1@" + Fixtures.TENANT, SECRET);
        try {
            assertThat(device.publishAndAwaitReason("event", example("smoke_detector", "event-alarm"))).isZero();
        } finally {
            device.close();
        }
        long caseId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode items = api.get("/api/v1/fire-cases?state=received", otto, 200).get("items");
            return items.isEmpty() ? null : items.get(0).get("id").asLong();
        }, id -> id != null);
        String path = "/api/v1/fire-cases/" + caseId + "/transitions";

        api.post(path, otto, "{\"to\": \"closed\"}", 409);
        api.post(path, otto, "{\"to\": \"acknowledged\"}", 200);

        assertThat(rows("action = 'fire_case.transition'")).containsExactly(
                "fire_case.transition otto acme 127.0.0.1 fire-case:" + caseId);
        assertThat(running.sqlRows("SELECT detail->>'from', detail->>'to' FROM audit_log"
                + " WHERE action = 'fire_case.transition'")).containsExactly("received acknowledged");
    }

    @Test
    void aPropertyAdministratorReadsOnlyTheirTenantsEntriesAndOthersNone() throws Exception {
        assertThat(running.post("/api/v1/auth/login", "{\"username\": \"zed\", \"password\": \"wrong-password\"}")
                .statusCode()).isEqualTo(401);

        List<String> zenith = tenants(api.get("/api/v1/audit?limit=1000", zed, 200));
        assertThat(zenith).isNotEmpty().containsOnly("zenith");
        List<String> acme = tenants(api.get("/api/v1/audit?limit=1000", pam, 200));
        assertThat(acme).isNotEmpty().containsOnly("acme");
        assertThat(ApiCalls.message(api.get("/api/v1/audit?tenantId=zenith", pam, 403)))
                .isEqualTo("pam may read the audit log of tenant 'acme' only");
        assertThat(ApiCalls.message(api.get("/api/v1/audit", running.login("otto", "otto-password"), 403)))
                .startsWith("otto may not read the audit log");
        assertThat(tenants(api.get("/api/v1/audit?tenantId=zenith", root, 200))).containsOnly("zenith");
        assertThat(tenants(api.get("/api/v1/audit?limit=1000", root, 200))).contains("acme", "zenith");
    }

    @Test
    void readsAreBoundedAndPaged() throws Exception {
        assertThat(ApiCalls.message(api.get("/api/v1/audit?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", root, 400)))
                .isEqualTo("range of 59 days exceeds the maximum of 31 days for audit log (parameters 'from' and 'to')");
        JsonNode first = api.get("/api/v1/audit?limit=2", root, 200);
        assertThat(first.get("entries")).hasSize(2);
        long oldest = first.get("entries").get(1).get("id").asLong();
        JsonNode second = api.get("/api/v1/audit?limit=2&cursor=" + first.get("nextCursor").asText(), root, 200);
        assertThat(second.get("entries").get(0).get("id").asLong()).isLessThan(oldest);
        assertThat(api.get("/api/v1/audit?action=login&limit=1000", root, 200).get("entries"))
                .allSatisfy(e -> assertThat(e.get("action").asText()).startsWith("login"));
    }

    @Test
    void entriesPastRetentionAreRemoved() {
        running.sql("INSERT INTO audit_log (at, action, actor) VALUES (now() - interval '400 days', 'login', 'old-timer'),"
                + " (now() - interval '300 days', 'login', 'recent-timer')");

        long removed = running.platform().auth().audit().purgeOlderThan(Instant.now().minus(Duration.ofDays(365)));

        assertThat(removed).isEqualTo(1);
        assertThat(running.sqlRows("SELECT actor FROM audit_log WHERE actor LIKE '%-timer'")).containsExactly("recent-timer");
    }

    /** Returns the matching rows, oldest first: action, actor, tenant, source address, target. */
    private static List<String> rows(String condition) {
        return running.sqlRows("SELECT action, actor, tenant_id, source_address, target FROM audit_log WHERE "
                + condition + " ORDER BY id");
    }

    private static List<String> tenants(JsonNode page) {
        List<String> tenants = new ArrayList<>();
        page.get("entries").forEach(e -> tenants.add(e.get("tenantId").isNull() ? "null" : e.get("tenantId").asText()));
        return tenants;
    }

    private static String tryLogin(String user, String password) throws Exception {
        HttpResponse<String> response = running.post("/api/v1/auth/login",
                "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
        return response.statusCode() == 200 ? RunningPlatform.json(response).get("token").asText() : null;
    }

    private static void send(String method, String path, String token, String body) throws Exception {
        HttpResponse<String> response = running.http().send(HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(204);
    }
}
