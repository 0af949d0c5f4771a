package org.anju.platform.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.notify.Notification;
import org.anju.platform.notify.Outbox;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.Receiver;
import org.anju.platform.testing.RunningPlatform;

/**
 * The webhook subscription API over real HTTP: who may create what, the 400s for bad input, the
 * secret shown once and stored encrypted, enabling, deleting and the delivery log.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebhookApiIT {

    private static final String BASE = "/api/v1/webhooks/subscriptions";
    /** A TEST-NET-3 address (RFC 5737), for subscriptions that receive nothing here. */
    private static final String UNREACHABLE = "http://203.0.113.10:9/hook";
    private static RunningPlatform running;
    private static String root;
    private static String pam;

    @BeforeAll
    static void start() throws Exception {
        // the test's receiver runs on this machine; private targets are refused by default (see below)
        running = RunningPlatform.start(Map.of("ANJU_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true",
                "ANJU_WEBHOOKS_RETRY_BASE", "1h"));
        running.fixtures().propertyUser("otto", "otto-password", "operator")
                .propertyUser("pam", "pam-password", "property_admin")
                .platformAdmin("root", "root-password")
                .user("fred", "Fire brigade", "fred-password", null, Set.of("fire_brigade"), Set.of());
        root = running.login("root", "root-password");
        pam = running.login("pam", "pam-password");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void onlyAdministratorsManageSubscriptionsAndOnlyInTheirScope() throws Exception {
        String otto = running.login("otto", "otto-password");
        String fred = running.login("fred", "fred-password");

        assertError(send("POST", BASE, otto, subscription()), 403, "may not manage webhooks");
        assertError(send("POST", BASE, fred, subscription()), 403, "may not manage webhooks");
        assertError(send("GET", BASE, otto, null), 403, "may not manage webhooks");
        assertError(send("POST", BASE, pam, subscription().put("tenantId", "globex")
                .set("communityIds", array(Fixtures.COMMUNITY))), 403, "tenant 'globex'");
        assertError(send("POST", BASE, pam, subscription()), 400, "'communityIds' is required");
        assertError(send("POST", BASE, pam, subscription().set("communityIds", array(Fixtures.OTHER_COMMUNITY))), 403,
                "[oak-yard]");
        assertError(send("POST", BASE, root, subscription().put("tenantId", "globex")), 400, "no tenant 'globex'");
        assertError(send("POST", BASE, root, subscription().set("communityIds", array("nowhere"))), 400,
                "no community 'nowhere'");

        long platformWide = created(send("POST", BASE, root, subscription()));
        long pams = created(send("POST", BASE, pam, subscription().set("communityIds", array(Fixtures.COMMUNITY))));

        JsonNode pamsList = json(send("GET", BASE, pam, null)).get("subscriptions");
        assertThat(pamsList).extracting(s -> s.get("id").asLong()).contains(pams).doesNotContain(platformWide);
        assertThat(pamsList).allSatisfy(s -> assertThat(s.get("tenantId").asText()).isEqualTo(Fixtures.TENANT));
        assertThat(json(send("GET", BASE, root, null)).get("subscriptions")).extracting(s -> s.get("id").asLong())
                .contains(pams, platformWide);
        assertError(send("GET", BASE + "/" + platformWide, pam, null), 404, "no webhook subscription");
        assertError(send("PATCH", BASE + "/" + platformWide, pam, "{\"enabled\": false}"), 404, "no webhook subscription");
        assertError(send("DELETE", BASE + "/" + platformWide, pam, null), 404, "no webhook subscription");
    }

    @Test
    void badInputIsA400ThatNamesTheField() throws Exception {
        String[][] cases = {
                {"{\"name\": \"x\", \"url\": \"ftp://203.0.113.10/x\", \"topics\": [\"*\"]}", "'url' must use http or https"},
                {"{\"name\": \"x\", \"url\": \"not a url\", \"topics\": [\"*\"]}", "'url' is not a URL"},
                {"{\"name\": \"x\", \"url\": \"http:///path\", \"topics\": [\"*\"]}", "'url' must name a host"},
                {"{\"name\": \"x\", \"url\": \"http://u:p@203.0.113.10/\", \"topics\": [\"*\"]}", "must not hold credentials"},
                {"{\"name\": \"x\", \"url\": \"" + UNREACHABLE + "\", \"topics\": []}", "'topics' must be a non-empty list"},
                {"{\"name\": \"x\", \"url\": \"" + UNREACHABLE + "\", \"topics\": [\"Fire.*\"]}", "not a pattern"},
                {"{\"name\": \"x\", \"url\": \"" + UNREACHABLE + "\", \"topics\": [\"*\"], \"channel\": \"pigeon\"}",
                        "'channel' must be one of [email, sms, webhook]"},
                {"{\"name\": \"x\", \"url\": \"" + UNREACHABLE + "\", \"topics\": [\"*\"], \"channel\": \"sms\"}",
                        "'settings.recipients'"},
                {"{\"name\": \"x\", \"url\": \"" + UNREACHABLE + "\", \"topics\": [\"*\"], \"fireOnly\": \"yes\"}",
                        "'fireOnly' must be true or false"},
                {"{\"url\": \"" + UNREACHABLE + "\", \"topics\": [\"*\"]}", "'name' must be a non-empty string"},
                {"[1, 2]", "body must be a JSON object"},
        };
        for (String[] c : cases) {
            assertError(send("POST", BASE, root, c[0]), 400, c[1]);
        }
        assertError(send("PATCH", BASE + "/1", root, "{\"enabled\": \"no\"}"), 400, "{\"enabled\": true}");
        assertError(send("GET", BASE + "/abc", root, null), 400, "'subscriptionId' must be a whole number");
    }

    @Test
    void privateNetworkTargetsAreRefusedUnlessAllowed() throws Exception {
        try (RunningPlatform strict = RunningPlatform.start(Map.of())) {
            strict.fixtures().platformAdmin("root", "root-password");
            String token = strict.login("root", "root-password");
            for (String url : new String[] {"http://127.0.0.1:8080/", "http://10.1.2.3/", "http://169.254.169.254/",
                    "http://[::1]/", "http://localhost/", "http://[::ffff:7f00:1]/", "http://198.18.0.1/",
                    "http://[64:ff9b::a9fe:a9fe]/"}) {
                HttpResponse<String> refused = strict.http().send(HttpRequest.newBuilder(
                                URI.create(strict.baseUrl() + BASE))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(subscription().put("url", url).toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertError(refused, 400, "such receivers need webhooks.allowPrivateTargets");
            }
        }
    }

    @Test
    void theSecretIsShownOnceAndStoredEncrypted() throws Exception {
        HttpResponse<String> response = send("POST", BASE, root, subscription());
        JsonNode created = json(response);
        String secret = created.get("secret").asText();
        long id = created.get("id").asLong();

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(json(send("GET", BASE + "/" + id, root, null)).has("secret")).isFalse();
        assertThat(json(send("GET", BASE, root, null)).toString()).doesNotContain(secret);
        try (Connection c = running.platform().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT secret_ciphertext FROM webhook_subscriptions WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(new String(rs.getBytes(1), UTF_8)).doesNotContain(secret.substring(6, 20));
            }
        }
    }

    @Test
    void subscriptionsAreDisabledAndDeleted() throws Exception {
        long id = created(send("POST", BASE, root, subscription()));

        JsonNode disabled = json(send("PATCH", BASE + "/" + id, root, "{\"enabled\": false}"));
        HttpResponse<String> deleted = send("DELETE", BASE + "/" + id, root, null);

        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertError(send("GET", BASE + "/" + id, root, null), 404, "no webhook subscription " + id);
    }

    @Test
    void theDeliveryLogShowsEachAttemptWithItsStatusAndError() throws Exception {
        try (Receiver receiver = Receiver.start(Receiver.Answer.FAIL)) {
            deliveryLog(receiver);
        }
    }

    private void deliveryLog(Receiver receiver) throws Exception {
        long id = created(send("POST", BASE, root, subscription().put("url", receiver.url())
                .set("topics", array("rescue.*"))));
        long notification = append(new Notification("rescue.opened", Fixtures.TENANT, Fixtures.COMMUNITY, false,
                JsonNodeFactory.instance.objectNode().put("note", "trapped in lift 2")));

        Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            JsonNode log = json(send("GET", BASE + "/" + id + "/deliveries", root, null)).get("deliveries");
            return log.size() == 1 && log.get(0).get("attempts").asInt() == 1;
        });
        JsonNode delivery = json(send("GET", BASE + "/" + id + "/deliveries?status=pending&limit=10", root, null))
                .get("deliveries").get(0);

        assertThat(delivery.get("notificationId").asLong()).isEqualTo(notification);
        assertThat(delivery.get("topic").asText()).isEqualTo("rescue.opened");
        assertThat(delivery.get("status").asText()).isEqualTo("pending");
        assertThat(delivery.get("nextAttemptAt").isNull()).isFalse();
        assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(500);
        assertThat(delivery.get("lastError").asText()).isEqualTo("receiver answered HTTP 500");
        JsonNode attempt = delivery.get("attemptLog").get(0);
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("statusCode").asInt()).isEqualTo(500);
        assertThat(attempt.get("error").asText()).isEqualTo("receiver answered HTTP 500");
        assertThat(attempt.get("startedAt").asText()).isNotEmpty();
        assertThat(attempt.get("durationMs").asLong()).isNotNegative();
        assertThat(json(send("GET", BASE + "/" + id + "/deliveries?status=delivered", root, null)).get("deliveries"))
                .isEmpty();
        assertError(send("GET", BASE + "/" + id + "/deliveries?status=lost", root, null), 400, "'status' must be one of");
        assertError(send("GET", BASE + "/" + id + "/deliveries?limit=0", root, null), 400, "'limit' must be");
        String retry = BASE + "/" + id + "/deliveries/" + delivery.get("id").asLong() + "/retry";
        assertError(send("POST", retry, root, ""), 409, "only dead deliveries are sent again");
        assertError(send("POST", BASE + "/" + id + "/deliveries/999999/retry", root, ""), 404, "no delivery 999999");
        assertError(send("POST", retry, pam, ""), 404, "no webhook subscription");
    }

    private static long append(Notification n) throws Exception {
        Outbox outbox = running.platform().delivery().outbox();
        try (Connection c = running.platform().database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            long id = outbox.append(c, n);
            c.commit();
            outbox.committed();
            return id;
        }
    }

    private static ObjectNode subscription() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", "119 center").put("url", UNREACHABLE);
        body.set("topics", array("fire.*"));
        return body;
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode array(String... values) {
        com.fasterxml.jackson.databind.node.ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }

    private static long created(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asLong();
    }

    private static HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return running.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return RunningPlatform.json(response);
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").get("message").asText()).contains(messagePart);
    }
}
