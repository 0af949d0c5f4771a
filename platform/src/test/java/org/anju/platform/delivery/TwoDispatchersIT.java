package org.anju.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.delivery.DispatcherRig.Dispatcher;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.Receiver;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestSql;

/**
 * Outbox delivery once across instances: two webhook dispatchers (two platform instances' worth,
 * each on its own Vert.x, sharing one database) deliver a burst of notifications to one real HTTP
 * receiver. Deliveries are claimed row by row ({@code FOR UPDATE SKIP LOCKED} and a lease), not
 * leased per job, so both share the work, and each notification reaches the receiver exactly once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TwoDispatchersIT {

    private static final Logger LOG = LoggerFactory.getLogger(TwoDispatchersIT.class);
    private static final int N = 200;
    private static final Principal ROOT = new Principal("root", "Root", null, Set.of(Role.PLATFORM_ADMIN), Set.of());
    // requests that never time out on a loaded machine: a retry would wait for a clock that stands still
    private static final AnjuConfig.Webhooks SETTINGS = new AnjuConfig.Webhooks(Duration.ofHours(1),
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(1), 4, 8, true, "");

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
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
    void twoDispatchersShareABurstAndDeliverEachNotificationExactlyOnce() throws Exception {
        Receiver receiver = rig.closeAtEnd(Receiver.start());
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        Dispatcher a = rig.dispatcher(SETTINGS, new TargetPolicy(true), null, metersA);
        Dispatcher b = rig.dispatcher(SETTINGS, new TargetPolicy(true), null, metersB);
        a.service().create(ROOT, new JsonObject().put("name", "control room").put("url", receiver.url())
                .put("topics", List.of("alert.*")), AuditEntry.of("webhook.test", "root", null, "127.0.0.1", null));

        // WHEN a burst is appended through instance A's outbox and instance B hears of it too (as
        // its poll would), both dispatching at once
        List<Long> ids = Notifications.append(rig.dataSource(), a.outbox(), IntStream.range(0, N)
                .mapToObj(i -> Notifications.of("alert.opened", Fixtures.TENANT, Fixtures.COMMUNITY, false,
                        "fault " + i)).toList());
        b.dispatcher().wake();

        // THEN every notification is delivered, and the receiver got each exactly once
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> TestSql.rows(rig.dataSource(),
                "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'").equals(List.of("" + N)));
        Map<String, Long> received = receiver.requests().stream().collect(Collectors.groupingBy(
                r -> r.headers().get("Anju-Notification-Id"), Collectors.counting()));
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(ids.stream().map(String::valueOf).toList());
        assertThat(received.values()).containsOnly(1L);
        assertThat(receiver.requests()).hasSize(N);
        assertThat(TestSql.rows(rig.dataSource(), "SELECT count(*) FROM webhook_attempts")).containsExactly("" + N);

        // AND both instances did some of it (each counts its own attempts)
        Function<SimpleMeterRegistry, Double> delivered = m -> m.get("anju.webhooks.attempts")
                .tag("outcome", "delivered").counter().count();
        LOG.info("two dispatchers delivered [a: {}, b: {}]", delivered.apply(metersA), delivered.apply(metersB));
        assertThat(delivered.apply(metersA) + delivered.apply(metersB)).isEqualTo(N);
        assertThat(delivered.apply(metersA)).as("instance A's share").isPositive();
        assertThat(delivered.apply(metersB)).as("instance B's share").isPositive();
    }
}
