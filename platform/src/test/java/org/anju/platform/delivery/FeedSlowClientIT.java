package org.anju.platform.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RunningPlatform;

/**
 * A client that stops reading is cut off instead of making the server queue without bound, and
 * resuming with Last-Event-ID then gives it exactly the rest: every notification once, in order.
 * The backlog is larger than what the feed keeps in memory, so resuming reads from the database.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FeedSlowClientIT {

    private static final int NOTIFICATIONS = 3000;
    private static final Pattern EVENT = Pattern.compile("id: (\\d+)\nevent: notification\ndata: [^\n]*\n\n");
    private static final Pattern CUT_OFF = Pattern.compile("anju_feed_clients_cut_off_total(\\{[^}]*})? ([0-9.]+)");

    @Test
    void aClientThatStopsReadingIsCutOffAndResumesWithoutLoss() throws Exception {
        try (RunningPlatform running = RunningPlatform.start(Map.of("ANJU_FEED_CLIENT_BUFFER_BYTES", "1024",
                "ANJU_FEED_SLOW_CLIENT_TIMEOUT", "200ms", "ANJU_FEED_POLL_INTERVAL", "1h"))) {
            running.fixtures().platformAdmin("root", "root-password");
            String token = running.login("root", "root-password");
            String padding = "x".repeat(2000);
            List<Notification> backlog = new ArrayList<>();
            for (int i = 0; i < NOTIFICATIONS; i++) {
                backlog.add(Notifications.of("alert.opened", "acme", Fixtures.COMMUNITY, false, i + " " + padding));
            }
            List<Long> ids = Notifications.append(running.platform().database().dataSource(),
                    running.platform().delivery().outbox(), backlog);

            // once a client sees the last one, the feed has read them all and keeps only the newest
            // in memory: the slow client below starts from the database
            try (SseClient probe = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token,
                    Long.toString(ids.get(NOTIFICATIONS - 2)))) {
                assertThat(probe.next(Duration.ofSeconds(60)).id()).isEqualTo(ids.get(NOTIFICATIONS - 1));
            }

            List<Long> beforeCutOff = new ArrayList<>();
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", running.platform().httpPort()));
                socket.getOutputStream().write(("GET /api/v1/feed?after=0 HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(UTF_8));
                socket.getOutputStream().flush();

                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> cutOffs(running, token) >= 1);

                InputStream in = socket.getInputStream();
                Matcher events = EVENT.matcher(new String(in.readAllBytes(), UTF_8));
                while (events.find()) {
                    beforeCutOff.add(Long.parseLong(events.group(1)));
                }
            }
            assertThat(beforeCutOff).as("written before the cut-off").isNotEmpty().hasSizeLessThan(NOTIFICATIONS);

            List<Long> resumed;
            try (SseClient client = SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed", token,
                    Long.toString(beforeCutOff.get(beforeCutOff.size() - 1)))) {
                resumed = client.until(ids.get(NOTIFICATIONS - 1), Duration.ofSeconds(60)).stream()
                        .map(SseClient.Event::id).toList();
            }
            List<Long> all = new ArrayList<>(beforeCutOff);
            all.addAll(resumed);
            assertThat(all).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void clientsResumingWhileTheFeedCatchesUpGetEveryNotificationOnce() throws Exception {
        try (RunningPlatform running = RunningPlatform.start(Map.of("ANJU_FEED_CLIENT_BUFFER_BYTES", "1024",
                "ANJU_FEED_POLL_INTERVAL", "1h"))) {
            running.fixtures().platformAdmin("root", "root-password");
            String token = running.login("root", "root-password");
            List<Notification> backlog = new ArrayList<>();
            for (int i = 0; i < NOTIFICATIONS; i++) {
                backlog.add(Notifications.of("alert.opened", "acme", Fixtures.COMMUNITY, false, i + " " + "y".repeat(500)));
            }
            List<Long> ids = Notifications.append(running.platform().database().dataSource(),
                    running.platform().delivery().outbox(), backlog);
            // connected at once: the feed is still reading the backlog and dropping the oldest from memory
            int[] starts = {0, 500, 1500, 2900};
            List<SseClient> clients = new ArrayList<>();
            try {
                for (int start : starts) {
                    clients.add(SseClient.connect(running.http(), running.baseUrl() + "/api/v1/feed?after="
                            + ids.get(start), token, null));
                }
                for (int i = 0; i < starts.length; i++) {
                    List<Long> got = clients.get(i).until(ids.get(NOTIFICATIONS - 1), Duration.ofSeconds(60)).stream()
                            .map(SseClient.Event::id).toList();
                    assertThat(got).as("after " + ids.get(starts[i])).containsExactlyElementsOf(
                            ids.subList(starts[i] + 1, NOTIFICATIONS));
                }
            } finally {
                clients.forEach(SseClient::close);
            }
        }
    }

    private static double cutOffs(RunningPlatform running, String token) throws Exception {
        Matcher m = CUT_OFF.matcher(running.get("/metrics", token).body());
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
