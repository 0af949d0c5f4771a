package org.anju.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.delivery.DispatcherRig.Dispatcher;
import org.anju.platform.notify.Notification;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.Receiver;

/**
 * The webhook dispatcher against a real database and a real HTTP receiver. Time is a clock the
 * test moves: backoff is checked on the stored due times, never by waiting; the dispatcher's own
 * poll is an hour, so it acts only when woken (by an append, or by the test after moving the clock).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebhookDispatcherIT {


    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Principal ROOT = new Principal("root", "Root", null, Set.of(Role.PLATFORM_ADMIN), Set.of());
    private static final AuditEntry AUDIT = AuditEntry.of("webhook.test", "root", null, "127.0.0.1", null);
    private static final AnjuConfig.Webhooks SETTINGS = new AnjuConfig.Webhooks(Duration.ofHours(1),
            Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(1), 4, 8, true, "");

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private DispatcherRig rig;

    @BeforeEach
    void setUp() throws Exception {
        rig = DispatcherRig.open(clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        rig.close();
    }

    @Test
    void aFailureAndATimeoutAreRetriedWithBackoffAndTheReceiverAppliesTheDeliveryOnce() throws Exception {
        Receiver receiver = receiver(Receiver.Answer.FAIL, Receiver.Answer.NEVER, Receiver.Answer.OK);
        Dispatcher d = dispatcher(SETTINGS);
        subscribe(d, receiver.url(), "alert.*");
        long notification = append(d, note("alert.opened", Fixtures.COMMUNITY, false, "lift stuck"));

        awaitAttempts(1);
        assertThat(delay()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        d.dispatcher().wake();
        awaitAttempts(2);
        assertThat(delay()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        d.dispatcher().wake();
        Awaitility.await().atMost(WAIT).until(() -> status().equals("delivered"));

        assertThat(attempts()).isEqualTo(3);
        assertThat(receiver.requests()).hasSize(3);
        String key = receiver.requests().get(0).headers().get("Idempotency-Key");
        assertThat(receiver.requests()).allSatisfy(r -> {
            assertThat(r.headers().get("Idempotency-Key")).isEqualTo(key);
            assertThat(r.headers().get("Anju-Notification-Id")).isEqualTo(Long.toString(notification));
        });
        assertThat(receiver.requests()).extracting(r -> r.headers().get("Anju-Attempt")).containsExactly("1", "2", "3");
        assertThat(receiver.effects()).isEqualTo(Map.of(key, 1));
        List<Map<String, Object>> log = attemptLog();
        assertThat(log).extracting(a -> a.get("status_code")).containsExactly(500, null, 200);
        assertThat((String) log.get(0).get("error")).isEqualTo("receiver answered HTTP 500");
        assertThat((String) log.get(1).get("error")).containsIgnoringCase("timeout");
        assertThat(log.get(2).get("error")).isNull();
    }

    @Test
    void receiversCanVerifyTheSignatureAndATamperedBodyFailsIt() throws Exception {
        Receiver receiver = receiver();
        Dispatcher d = dispatcher(SETTINGS);
        String secret = subscribe(d, receiver.url(), "fire.*");
        append(d, note("fire.confirmed_fire", Fixtures.COMMUNITY, true, "smoke on floor 3"));

        Awaitility.await().atMost(WAIT).until(() -> status().equals("delivered"));

        Receiver.Request request = receiver.requests().get(0);
        String header = request.headers().get("Anju-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        byte[] body = request.body().getBytes();
        long now = clock.instant().getEpochSecond();
        assertThat(t).isEqualTo(now);
        assertThat(verify(secret, header, body, now)).isTrue();
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThat(verify(secret, header, tampered, now)).as("a tampered body").isFalse();
        assertThat(verify(secret, header.replace("t=" + t, "t=" + (t + 1)), body, now)).as("another timestamp")
                .isFalse();
        assertThat(verify("whsec_another", header, body, now)).as("another secret").isFalse();
        assertThat(verify(secret, header, body, now + 301)).as("a replay after five minutes").isFalse();
        JsonObject json = new JsonObject(request.body());
        assertThat(json.getString("topic")).isEqualTo("fire.confirmed_fire");
        assertThat(json.getBoolean("fire")).isTrue();
        assertThat(json.getJsonObject("payload").getString("note")).isEqualTo("smoke on floor 3");
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.headers().get("Idempotency-Key")).matches("[0-9a-f-]{36}");
    }

    @Test
    void afterTheLastAttemptTheDeliveryIsDeadAndAdministratorsAreNotified() throws Exception {
        Receiver receiver = receiver(Receiver.Answer.FAIL, Receiver.Answer.FAIL, Receiver.Answer.FAIL,
                Receiver.Answer.FAIL);
        Dispatcher d = dispatcher(SETTINGS);
        subscribe(d, receiver.url(), "alert.opened");
        long notification = append(d, note("alert.opened", Fixtures.COMMUNITY, false, "door fault"));

        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt < SETTINGS.maxAttempts(); attempt++) {
            awaitAttempts(attempt);
            delays.add(delay());
            clock.advance(SETTINGS.retryMax());
            d.dispatcher().wake();
        }
        Awaitility.await().atMost(WAIT).until(() -> status().equals("dead"));

        assertThat(attempts()).isEqualTo(SETTINGS.maxAttempts());
        assertThat(delays.get(0)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(delays.get(1)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(delays.get(2)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
        JsonObject deadLetter = new JsonObject(queryOne(
                "SELECT payload::text FROM notifications WHERE topic = 'webhook.dead_letter'").toString());
        assertThat(deadLetter.getLong("notificationId")).isEqualTo(notification);
        assertThat(deadLetter.getInteger("attempts")).isEqualTo(SETTINGS.maxAttempts());
        assertThat(deadLetter.getInteger("lastStatusCode")).isEqualTo(500);
        assertThat(deadLetter.getString("url")).isEqualTo(receiver.url());
        assertThat(receiver.requests()).hasSize(SETTINGS.maxAttempts());
        assertThat(meters.counter("anju.webhooks.attempts", "outcome", "failed_will_retry").count())
                .isEqualTo(SETTINGS.maxAttempts() - 1);
        assertThat(meters.counter("anju.webhooks.attempts", "outcome", "failed_dead").count()).isEqualTo(1);
    }

    @Test
    void anAdministratorSendsADeadDeliveryAgainWithANewRoundOfAttempts() throws Exception {
        Receiver receiver = receiver(new Receiver.Answer[SETTINGS.maxAttempts() + 1]);
        Dispatcher d = dispatcher(SETTINGS);
        subscribe(d, receiver.url(), "alert.*");
        append(d, note("alert.opened", Fixtures.COMMUNITY, false, "camera offline"));
        Awaitility.await().atMost(WAIT).until(() -> {
            clock.advance(SETTINGS.retryMax());
            d.dispatcher().wake();
            return status().equals("dead");
        });
        long subscription = (Long) queryOne("SELECT subscription_id FROM webhook_deliveries");
        long delivery = (Long) queryOne("SELECT id FROM webhook_deliveries");

        d.service().retry(ROOT, subscription, delivery, AUDIT);
        awaitAttempts(SETTINGS.maxAttempts() + 1);
        Duration firstDelayOfTheNewRound = delay();
        clock.advance(SETTINGS.retryMax());
        d.dispatcher().wake();
        Awaitility.await().atMost(WAIT).until(() -> status().equals("delivered"));

        assertThat(firstDelayOfTheNewRound).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(attempts()).isEqualTo(SETTINGS.maxAttempts() + 2);
        assertThat(receiver.requests()).extracting(r -> r.headers().get("Idempotency-Key")).containsOnly(
                receiver.requests().get(0).headers().get("Idempotency-Key"));
        assertThat(receiver.requests().getLast().headers().get("Anju-Attempt"))
                .isEqualTo(Integer.toString(SETTINGS.maxAttempts() + 2));
        assertThatThrownBy(() -> d.service().retry(ROOT, subscription, delivery, AUDIT))
                .isInstanceOf(ClientError.class).hasMessageContaining("is not dead");
        assertThatThrownBy(() -> d.service().retry(ROOT, subscription, delivery + 1, AUDIT))
                .isInstanceOf(ClientError.class).hasMessageContaining("no delivery " + (delivery + 1));
    }

    @Test
    void aDeadLetterThatCannotBeDeliveredRaisesNoFurtherDeadLetter() throws Exception {
        Receiver receiver = receiver(new Receiver.Answer[2 * SETTINGS.maxAttempts()]);
        Dispatcher d = dispatcher(SETTINGS);
        subscribe(d, receiver.url().replace("/hooks/", "/alerts/").replace("anju", "fail"), "alert.*");
        subscribe(d, receiver.url(), "webhook.*");
        append(d, note("alert.opened", Fixtures.COMMUNITY, false, "smoke vent fault"));

        // both subscriptions' receivers fail every time: the alert's delivery dies, its dead letter
        // goes to the second subscription and dies there too
        Awaitility.await().atMost(WAIT).until(() -> {
            clock.advance(SETTINGS.retryMax());
            d.dispatcher().wake();
            return queryOne("SELECT count(*) FROM webhook_deliveries WHERE status = 'dead'").equals(2L);
        });

        assertThat(queryOne("SELECT count(*) FROM notifications WHERE topic = 'webhook.dead_letter'")).isEqualTo(1L);
        assertThat(queryOne("SELECT count(*) FROM webhook_deliveries")).isEqualTo(2L);
        assertThat(receiver.requests()).hasSize(2 * SETTINGS.maxAttempts());
    }

    @Test
    void aPendingDeliveryIsRetriedByTheNextDispatcherAfterARestart() throws Exception {
        Receiver receiver = receiver(Receiver.Answer.FAIL, Receiver.Answer.OK);
        Dispatcher first = dispatcher(SETTINGS);
        subscribe(first, receiver.url(), "alert.*");
        append(first, note("alert.opened", Fixtures.COMMUNITY, false, "pump fault"));
        awaitAttempts(1);
        first.close();

        Dispatcher second = dispatcher(SETTINGS);
        clock.advance(SETTINGS.retryMax());
        second.dispatcher().wake();
        Awaitility.await().atMost(WAIT).until(() -> status().equals("delivered"));

        assertThat(attempts()).isEqualTo(2);
        assertThat(receiver.requests()).extracting(r -> r.headers().get("Idempotency-Key")).hasSize(2)
                .containsOnly(receiver.requests().get(0).headers().get("Idempotency-Key"));
    }

    @Test
    void aDeliveryCutOffByACrashMidAttemptIsSentAgainAfterItsLease() throws Exception {
        Receiver receiver = receiver(Receiver.Answer.NEVER, Receiver.Answer.OK);
        AnjuConfig.Webhooks patient = new AnjuConfig.Webhooks(Duration.ofHours(1), Duration.ofSeconds(5),
                Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(1), 4, 8, true, "");
        Dispatcher crashing = dispatcher(patient);
        subscribe(crashing, receiver.url(), "alert.*");
        append(crashing, note("alert.opened", Fixtures.COMMUNITY, false, "gate fault"));
        Awaitility.await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
        crashing.close();

        assertThat(status()).isEqualTo("pending");
        assertThat(queryOne("SELECT next_attempt_at FROM webhook_deliveries").toString())
                .as("leased or backed off: not due now").isNotNull();
        assertThat(delay()).isPositive();
        Dispatcher next = dispatcher(SETTINGS);
        clock.advance(patient.requestTimeout().plus(patient.connectTimeout()).plusMinutes(1));
        next.dispatcher().wake();
        Awaitility.await().atMost(WAIT).until(() -> status().equals("delivered"));

        assertThat(receiver.requests()).hasSize(2);
        String key = receiver.requests().get(0).headers().get("Idempotency-Key");
        assertThat(receiver.requests().get(1).headers().get("Idempotency-Key")).isEqualTo(key);
        assertThat(receiver.effects()).isEqualTo(Map.of(key, 1));
    }

    @Test
    void subscriptionsGetOnlyMatchingNotificationsAndTheSmsChannelRendersItsTemplate() throws Exception {
        Receiver receiver = receiver();
        Dispatcher d = dispatcher(SETTINGS);
        WebhookService.Created sms = d.service().create(ROOT, new JsonObject()
                .put("name", "duty phone").put("channel", "sms").put("url", receiver.url())
                .put("topics", List.of("fire.*")).put("fireOnly", true).put("communityIds", List.of(Fixtures.COMMUNITY))
                .put("settings", new JsonObject().put("recipients", List.of("+8613800000000"))
                        .put("template", "{{topic}} in {{communityId}}: {{payload.note}}")), AUDIT);
        append(d, note("fire.test", Fixtures.COMMUNITY, false, "not a fire"));
        append(d, note("fire.received", Fixtures.OTHER_COMMUNITY, true, "another community"));
        append(d, note("alert.opened", Fixtures.COMMUNITY, true, "another topic"));
        long fire = append(d, note("fire.received", Fixtures.COMMUNITY, true, "smoke in Building 1"));

        Awaitility.await().atMost(WAIT).until(() -> "delivered".equals(status()));

        assertThat(queryOne("SELECT count(*) FROM webhook_deliveries")).isEqualTo(1L);
        assertThat(queryOne("SELECT notification_id FROM webhook_deliveries")).isEqualTo(fire);
        JsonObject body = new JsonObject(receiver.requests().get(0).body());
        assertThat(body.getJsonArray("to").getList()).containsExactly("+8613800000000");
        assertThat(body.getString("text")).isEqualTo("fire.received in elm-court: smoke in Building 1");
        assertThat(body.getLong("notificationId")).isEqualTo(fire);
        assertThat(sms.subscription().channel()).isEqualTo("sms");
    }

    private Dispatcher dispatcher(AnjuConfig.Webhooks settings) {
        return rig.dispatcher(settings, new TargetPolicy(settings.allowPrivateTargets()), null, meters);
    }

    private Receiver receiver(Receiver.Answer... script) throws Exception {
        return rig.closeAtEnd(Receiver.start(script));
    }

    private String subscribe(Dispatcher d, String url, String topic) {
        return d.service().create(ROOT, new JsonObject().put("name", "119 center").put("url", url)
                .put("topics", List.of(topic)), AUDIT).secret();
    }

    private long append(Dispatcher d, Notification n) {
        return Notifications.append(rig.dataSource(), d.outbox(), List.of(n)).get(0);
    }

    private static Notification note(String topic, String community, boolean fire, String text) {
        return Notifications.of(topic, Fixtures.TENANT, community, fire, text);
    }

    private void awaitAttempts(int n) throws SQLException {
        Awaitility.await().atMost(WAIT).until(() -> attempts() >= n);
        assertThat(attempts()).isEqualTo(n);
    }

    private int attempts() throws SQLException {
        Object n = queryOne("SELECT attempts FROM webhook_deliveries");
        return n == null ? 0 : (Integer) n;
    }

    private String status() throws SQLException {
        Object s = queryOne("SELECT status FROM webhook_deliveries");
        return s == null ? "none" : (String) s;
    }

    /** Returns how long after the clock's now the delivery is due. */
    private Duration delay() throws SQLException {
        java.sql.Timestamp due = (java.sql.Timestamp) queryOne("SELECT next_attempt_at FROM webhook_deliveries");
        return Duration.between(clock.instant(), due.toInstant());
    }

    private List<Map<String, Object>> attemptLog() throws SQLException {
        try (Connection c = rig.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT status_code, error FROM webhook_attempts ORDER BY attempt"); ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                row.put("status_code", rs.getObject(1));
                row.put("error", rs.getString(2));
                rows.add(row);
            }
            return rows;
        }
    }

    private Object queryOne(String sql) throws SQLException {
        try (Connection c = rig.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    /** Verifies a signature: the receiver snippet of docs/delivery.md, verbatim. */
    static boolean verify(String secret, String signatureHeader, byte[] body, long nowSeconds) throws Exception {
        Map<String, String> parts = new HashMap<>();
        for (String part : signatureHeader.split(",")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        long t = Long.parseLong(parts.get("t"));
        if (Math.abs(nowSeconds - t) > 300) {
            return false; // older than 5 minutes: a replay
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")));
    }
}
