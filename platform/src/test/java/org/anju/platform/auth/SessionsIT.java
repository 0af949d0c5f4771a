package org.anju.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.ApiCalls;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * Sessions are server-side, over real HTTP: a logged-out token is refused; a disabled user's too;
 * a change of roles or communities reaches the next request, and open live streams (the device
 * stream, the notification feed) close when their session ends or its rights change, whether the
 * change came through this process or (within the check interval) another one.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SessionsIT {

    private static final String DEVICES = "/api/v1/communities/" + Fixtures.COMMUNITY + "/devices";
    private static final String STREAM = "/api/v1/communities/" + Fixtures.COMMUNITY + "/stream";
    private static RunningPlatform running;
    private static ApiCalls api;
    private static String root;

    @BeforeAll
    static void start() throws Exception {
        running = RunningPlatform.start(Map.of("ANJU_SECURITY_SESSION_CHECK_INTERVAL", "1s"));
        running.fixtures().platformAdmin("root", "root-password");
        api = new ApiCalls(running);
        root = running.login("root", "root-password");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aLoggedOutTokenIsRefusedAtOnce() throws Exception {
        running.fixtures().propertyUser("lou", "lou-password", "operator");
        String token = running.login("lou", "lou-password");
        assertThat(running.get("/api/v1/me", token).statusCode()).isEqualTo(200);

        assertThat(logout(token).statusCode()).isEqualTo(204);

        running.assertRefused("/api/v1/me", token, 401, "session ended: log in again");
        running.assertRefused(DEVICES, token, 401, "session ended");
        assertThat(logout(token).statusCode()).as("logging out twice is fine").isEqualTo(204);
        assertThat(running.sqlRows("SELECT count(*) FROM user_sessions WHERE username = 'lou'")).containsExactly("0");
    }

    @Test
    void aDisabledUsersTokenIsRefusedAndTheirSessionsEnd() throws Exception {
        running.fixtures().propertyUser("dora", "dora-password", "operator");
        String token = running.login("dora", "dora-password");

        api.patch("/api/v1/users/dora", root, "{\"enabled\": false}", 200);

        running.assertRefused("/api/v1/me", token, 401, "session ended");
        assertThat(running.sqlRows("SELECT count(*) FROM user_sessions WHERE username = 'dora'")).containsExactly("0");
        assertThat(running.post("/api/v1/auth/login", "{\"username\": \"dora\", \"password\": \"dora-password\"}")
                .statusCode()).isEqualTo(401);
        api.patch("/api/v1/users/dora", root, "{\"enabled\": true}", 200);
        running.assertRefused("/api/v1/me", token, 401, "session ended");
    }

    @Test
    void aChangeOfCommunitiesReachesTheNextRequestAndClosesTheOpenStream() throws Exception {
        running.fixtures().propertyUser("cora", "cora-password", "operator");
        String token = running.login("cora", "cora-password");
        try (OpenStream stream = OpenStream.open(running, STREAM, token)) {
            assertThat(stream.status()).isEqualTo(200);

            api.patch("/api/v1/users/cora", root, "{\"communityIds\": [\"" + Fixtures.OTHER_COMMUNITY + "\"]}", 200);

            stream.ended().get(60, TimeUnit.SECONDS);
        }
        running.assertRefused(DEVICES, token, 403, "may not see community");
        assertThat(running.get("/api/v1/communities/" + Fixtures.OTHER_COMMUNITY + "/devices", token).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRoleChangeMadeByAnotherProcessClosesTheStreamWithinTheCheckInterval() throws Exception {
        running.fixtures().propertyUser("rob", "rob-password", "operator");
        String token = running.login("rob", "rob-password");
        try (OpenStream stream = OpenStream.open(running, STREAM, token)) {
            assertThat(stream.status()).isEqualTo(200);

            // as another process sharing the database would: nothing in this process hears of it
            running.sql("UPDATE user_roles SET role = 'resident' WHERE username = 'rob'");

            stream.ended().get(60, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> running.get(DEVICES, token).statusCode() == 403);
        assertThat(RunningPlatform.json(running.get("/api/v1/me", token)).get("roles").toString())
                .isEqualTo("[\"resident\"]");
    }

    @Test
    void logoutClosesTheOpenFeed() throws Exception {
        running.fixtures().propertyUser("fay", "fay-password", "operator");
        String token = running.login("fay", "fay-password");
        try (OpenStream feed = OpenStream.open(running, "/api/v1/feed", token)) {
            assertThat(feed.status()).isEqualTo(200);

            logout(token);

            feed.ended().get(60, TimeUnit.SECONDS);
        }
        running.assertRefused("/api/v1/feed", token, 401, "session ended");
    }

    @Test
    void expiredSessionsAreRemoved() throws Exception {
        running.fixtures().propertyUser("eve", "eve-password", "operator");
        String token = running.login("eve", "eve-password");
        running.sql("UPDATE user_sessions SET expires_at = now() - interval '1 minute' WHERE username = 'eve'");

        int removed = running.platform().auth().sessions().removeExpired();

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(running.sqlRows("SELECT count(*) FROM user_sessions WHERE username = 'eve'")).containsExactly("0");
        running.assertRefused("/api/v1/me", token, 401, "session ended");
    }

    private static HttpResponse<String> logout(String token) throws Exception {
        return running.http().send(HttpRequest.newBuilder(URI.create(running.baseUrl() + "/api/v1/auth/logout"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A server-sent-events response read on a thread of its own; {@link #ended()} completes when the server ends it. */
    record OpenStream(HttpResponse<Stream<String>> response, CompletableFuture<Void> ended) implements AutoCloseable {

        static OpenStream open(RunningPlatform running, String path, String token) throws Exception {
            HttpResponse<Stream<String>> response = running.http().send(HttpRequest.newBuilder(
                    URI.create(running.baseUrl() + path)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            CompletableFuture<Void> ended = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    response.body().forEach(line -> { });
                } catch (RuntimeException closed) {
                    // a connection closed by the server ends the stream just the same
                }
                ended.complete(null);
            });
            return new OpenStream(response, ended);
        }

        int status() {
            return response.statusCode();
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
