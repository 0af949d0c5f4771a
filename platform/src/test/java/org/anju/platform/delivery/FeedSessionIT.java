package org.anju.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * A feed stream does not outlive the session that opened it: when the token expires the stream
 * ends, and reconnecting with the expired token is refused.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FeedSessionIT {

    @Test
    void theStreamEndsWhenTheSessionExpires() throws Exception {
        try (RunningPlatform running = RunningPlatform.start(Map.of("ANJU_SECURITY_TOKEN_TTL", "2s",
                "ANJU_FEED_POLL_INTERVAL", "1h"))) {
            running.fixtures().propertyUser("otto", "otto-password", "operator");
            String token = null;
            SseClient opened = null;
            // a session of 2 s may end before a loaded machine has opened the stream: then sign in again
            for (int attempt = 1; opened == null; attempt++) {
                token = running.login("otto", "otto-password");
                SseClient candidate = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token, null);
                if (candidate.status() == 401 && attempt < 5) {
                    candidate.close();
                } else {
                    opened = candidate;
                }
            }
            try (SseClient client = opened) {
                long id = Notifications.append(running.platform().database().dataSource(),
                        running.platform().delivery().outbox(), List.of(Notifications.of("alert.opened",
                                Fixtures.TENANT, Fixtures.COMMUNITY, false, "before expiry"))).get(0);
                assertThat(client.status()).isEqualTo(200);
                SseClient.Event first;
                try {
                    first = client.next(Duration.ofSeconds(30));
                } catch (AssertionError ended) {
                    // on a very slow machine the session may end first; the rest still holds
                    first = null;
                }
                if (first != null) {
                    assertThat(first.id()).isEqualTo(id);
                }

                assertThatThrownBy(() -> client.next(Duration.ofSeconds(60))).hasMessage("the stream ended");
            }
            running.assertRefused("/api/v1/feed", token, 401, "invalid or expired session");
        }
    }
}
