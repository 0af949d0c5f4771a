package org.anju.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.RunningPlatform;

/**
 * Password guessing over real HTTP, from several source addresses: a user name is locked after
 * its failures (429 with Retry-After, even for the right password, from any address) while
 * another user from another address logs in; an address trying many names is locked; a full
 * password pool answers 503 at once; a password over bcrypt's 72 bytes is a 400 naming the limit.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LoginThrottlingIT {

    private static RunningPlatform running;

    @BeforeAll
    static void start() throws Exception {
        // the delay between failures is kept tiny so that three failures come quickly; the lock holds for the test
        running = RunningPlatform.start(Map.of("ANJU_SECURITY_LOGIN_MAX_FAILURES", "3",
                "ANJU_SECURITY_LOGIN_ADDRESS_MAX_FAILURES", "6", "ANJU_SECURITY_LOGIN_FAILURE_DELAY", "1ms",
                "ANJU_SECURITY_LOGIN_MAX_FAILURE_DELAY", "1ms", "ANJU_SECURITY_LOGIN_LOCK_DURATION", "1h",
                "ANJU_SECURITY_LOGIN_PASSWORD_THREADS", "1", "ANJU_SECURITY_LOGIN_PASSWORD_QUEUE", "1"));
        running.fixtures().propertyUser("lena", "lena-password", "operator")
                .propertyUser("otto", "otto-password", "operator")
                .propertyUser("pia", "pia-password", "operator");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void afterThreeFailuresTheNameIsLockedEvenForTheRightPasswordWhileOthersLogIn() throws Exception {
        for (int i = 0; i < 3; i++) {
            failOnce("127.0.0.1", "lena");
        }

        HttpFrom.Response right = login("127.0.0.1", "lena", "lena-password");
        assertThat(right.status()).as(right.body()).isEqualTo(429);
        assertThat(Long.parseLong(right.headers().get("retry-after"))).isBetween(3500L, 3600L);
        assertThat(right.body()).contains("too many failed log-ins for this user name or address: locked");
        assertThat(login("127.0.0.3", "lena", "lena-password").status()).as("from another address too").isEqualTo(429);
        HttpFrom.Response other = login("127.0.0.2", "otto", "otto-password");
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(running.sqlRows("SELECT actor, source_address, detail->>'locked' FROM audit_log"
                + " WHERE action = 'login.failed' AND actor = 'lena' ORDER BY id")).containsExactly(
                "lena 127.0.0.1 null", "lena 127.0.0.1 null", "lena 127.0.0.1 user");
    }

    @Test
    void anAddressTryingManyNamesIsLockedForEveryName() throws Exception {
        for (int i = 0; i < 6; i++) {
            failOnce("127.0.0.4", "nobody-" + i);
        }

        HttpFrom.Response locked = login("127.0.0.4", "pia", "pia-password");
        assertThat(locked.status()).as(locked.body()).isEqualTo(429);
        assertThat(locked.headers()).containsKey("retry-after");
        assertThat(login("127.0.0.5", "pia", "pia-password").status()).isEqualTo(200);
    }

    @Test
    void whenThePasswordPoolIsFullLogInAnswers503AtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running1 = new CountDownLatch(1);
        PasswordChecks pool = running.platform().auth().passwordChecks();
        CompletableFuture<Object> busy = pool.submit(() -> {
            running1.countDown();
            return release.await(60, TimeUnit.SECONDS);
        });
        running1.await();
        CompletableFuture<Object> queued = pool.submit(() -> null);
        try {
            HttpFrom.Response refused = login("127.0.0.6", "otto", "otto-password");

            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().get("retry-after")).isEqualTo("1");
            assertThat(refused.body()).contains("too many log-ins at once");
        } finally {
            release.countDown();
        }
        busy.get(30, TimeUnit.SECONDS);
        queued.get(30, TimeUnit.SECONDS);
        assertThat(login("127.0.0.6", "otto", "otto-password").status()).as("not counted as a failure").isEqualTo(200);
    }

    @Test
    void aPasswordOver72BytesIsA400NamingTheLimit() throws Exception {
        HttpFrom.Response response = login("127.0.0.7", "otto", "密码".repeat(13));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("at most 72 bytes are allowed (bcrypt's limit)");
    }

    /** One wrong password that the server checked (401), after any wait the throttle asks for between failures. */
    private static void failOnce(String address, String user) {
        await().atMost(Duration.ofSeconds(30)).until(() -> login(address, user, "wrong-password").status() == 401);
    }

    private static HttpFrom.Response login(String address, String user, String password) throws Exception {
        return HttpFrom.post(address, running.platform().httpPort(), "/api/v1/auth/login",
                "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
    }
}
