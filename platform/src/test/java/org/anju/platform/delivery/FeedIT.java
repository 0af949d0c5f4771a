package org.anju.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.notify.Notification;
import org.anju.platform.notify.Outbox;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * The live feed over real HTTP on a real database: what each role sees, resuming with
 * Last-Event-ID, live delivery after an append, heartbeats and refusals.
 * <p>
 * The feed's poll interval is an hour here, so live delivery can only come from the wake-up that
 * {@link Outbox#committed()} publishes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FeedIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static RunningPlatform running;
    private static Outbox outbox;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_FEED_POLL_INTERVAL", "1h", "ANJU_FEED_HEARTBEAT_INTERVAL", "200ms",
                "ANJU_WEBHOOKS_POLL_INTERVAL", "1h"));
        Fixtures fixtures = running.fixtures().propertyUser("otto", "otto-password", "operator")
                .propertyUser("pam", "pam-password", "property_admin")
                .propertyUser("rita", "rita-password", "resident")
                .platformAdmin("root", "root-password");
        fixtures.user("fred", "Fire brigade", "fred-password", null, Set.of("fire_brigade"), Set.of());
        outbox = running.platform().delivery().outbox();
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void eachRoleSeesWhatItMayAndNothingElse() throws Exception {
        long before = append(List.of(note("alert.opened", "acme", Fixtures.OTHER_COMMUNITY, false, "marker-before"))).get(0);
        List<Long> ids = append(List.of(
                note("alert.opened", "acme", Fixtures.COMMUNITY, false, "elm alert"),
                note("fire.received", "acme", Fixtures.OTHER_COMMUNITY, true, "oak fire"),
                note("alert.opened", "acme", Fixtures.OTHER_COMMUNITY, false, "oak alert"),
                note("billing.overdue", "acme", null, false, "tenant-level"),
                note("webhook.dead_letter", null, null, false, "platform-level"),
                note("fire.confirmed_fire", "acme", Fixtures.COMMUNITY, true, "elm fire")));
        long end = append(List.of(note("fire.received", "acme", Fixtures.COMMUNITY, true, "everyone"))).get(0);

        assertThat(notes("otto", before, end)).containsExactly("elm alert", "elm fire", "everyone");
        assertThat(notes("pam", before, end)).containsExactly("elm alert", "tenant-level", "elm fire", "everyone");
        assertThat(notes("fred", before, end)).containsExactly("oak fire", "elm fire", "everyone");
        assertThat(notes("root", before, end)).containsExactly("elm alert", "oak fire", "oak alert", "tenant-level",
                "platform-level", "elm fire", "everyone");
        assertThat(ids).hasSize(6);
    }

    @Test
    void aResumedClientGetsExactlyTheMissedNotificationsInOrderThenLiveOnes() throws Exception {
        String token = running.login("otto", "otto-password");
        List<Long> seen = new ArrayList<>();
        String lastEventId;
        try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token, null)) {
            List<Long> first = append(elmAlerts("first", 3));
            client.until(first.get(2), WAIT).forEach(e -> seen.add(e.id()));
            assertThat(seen).containsExactlyElementsOf(first);
            lastEventId = client.lastEventId();
        }
        List<Long> missed = append(elmAlerts("missed", 4));
        append(List.of(note("alert.opened", "acme", Fixtures.OTHER_COMMUNITY, false, "not for otto")));

        try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token,
                lastEventId)) {
            List<SseClient.Event> replayed = client.until(missed.get(3), WAIT);
            List<Long> live = append(elmAlerts("live", 1));
            SseClient.Event next = client.next(WAIT);

            assertThat(lastEventId).isEqualTo(Long.toString(seen.get(2)));
            assertThat(replayed).extracting(SseClient.Event::id).containsExactlyElementsOf(missed);
            assertThat(replayed).extracting(e -> e.data().get("payload").get("note").asText())
                    .containsExactly("missed 0", "missed 1", "missed 2", "missed 3");
            assertThat(next.id()).isEqualTo(live.get(0));
            assertThat(next.type()).isEqualTo("notification");
            assertThat(next.data().get("topic").asText()).isEqualTo("alert.opened");
            assertThat(next.data().get("communityId").asText()).isEqualTo(Fixtures.COMMUNITY);
        }
    }

    @Test
    void theAfterParameterResumesLikeTheHeader() throws Exception {
        String token = running.login("root", "root-password");
        List<Long> ids = append(elmAlerts("after", 2));

        try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed?after="
                + ids.get(0), token, null)) {
            assertThat(client.next(WAIT).id()).isEqualTo(ids.get(1));
        }
    }

    @Test
    void aNewClientStartsAtTheNewestNotificationAndKnowsWhereToResume() throws Exception {
        String token = running.login("otto", "otto-password");
        append(elmAlerts("old", 1));
        try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token, null)) {
            long fresh = append(elmAlerts("fresh", 1)).get(0);
            SseClient.Event event = client.next(WAIT);

            assertThat(event.id()).isEqualTo(fresh);
            assertThat(event.data().get("payload").get("note").asText()).isEqualTo("fresh 0");
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        String token = running.login("otto", "otto-password");
        try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token, null)) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> client.comments() >= 2);
            assertThat(client.lastEventId()).as("the opening id line").isNotNull();
        }
    }

    @Test
    void residentsBadPositionsAndAnonymousClientsAreRefused() throws Exception {
        running.assertRefused("/api/v1/feed", running.login("rita", "rita-password"), 403, "has no notification feed");
        String token = running.login("otto", "otto-password");
        running.assertRefused("/api/v1/feed?after=-1", token, 400, "'after' must be a notification id");
        running.assertRefused("/api/v1/feed?after=abc", token, 400, "'after' must be a notification id");
        HttpResponse<String> anonymous = running.get("/api/v1/feed", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token, "x1")) {
            assertThat(client.status()).isEqualTo(400);
        }
    }

    @Test
    void aResumePositionFurtherBackThanTheCatchUpLimitIsA400NamingIt() throws Exception {
        // GIVEN a notification two days old (the feed replays at most 24 hours by default)
        long old = append(elmAlerts("two days old", 1)).get(0);
        running.sql("UPDATE notifications SET created_at = now() - INTERVAL '2 days' WHERE id = " + old);
        String token = running.login("otto", "otto-password");

        // WHEN a client resumes just before it, THEN it is refused, and told the limit
        HttpResponse<String> refused = running.get("/api/v1/feed?after=" + (old - 1), token);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(RunningPlatform.json(refused).get("error").get("message").asText())
                .startsWith("the notifications after resume position " + (old - 1) + " go back 2 days")
                .contains("over the maximum catch-up of 1 day for the feed (header 'Last-Event-ID' or parameter 'after')");
        try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token,
                Long.toString(old - 1))) {
            assertThat(client.status()).isEqualTo(400);
        }
        // resuming after it replays what is newer
        long fresh = append(elmAlerts("fresh", 1)).get(0);
        try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token,
                Long.toString(old))) {
            assertThat(client.next(WAIT).id()).isEqualTo(fresh);
        }
    }

    private static List<String> notes(String user, long after, long until) throws Exception {
        String token = running.login(user, user + "-password");
        try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed?after=" + after,
                token, null)) {
            return client.until(until, WAIT).stream().map(e -> e.data().get("payload").get("note").asText()).toList();
        }
    }

    private static List<Notification> elmAlerts(String prefix, int count) {
        List<Notification> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(note("alert.opened", "acme", Fixtures.COMMUNITY, false, prefix + " " + i));
        }
        return list;
    }

    private static Notification note(String topic, String tenant, String community, boolean fire, String text) {
        return Notifications.of(topic, tenant, community, fire, text);
    }

    private static List<Long> append(List<Notification> notifications) {
        return Notifications.append(running.platform().database().dataSource(), outbox, notifications);
    }
}
