package org.anju.platform.alerts.rescue;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.alerts.AlertHarness;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;

/**
 * The rescue deadline follows the injected clock: a rescue nobody reached in time is marked
 * breached once; one reached in time is not.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RescueSlaIT {

    private static final Principal TECHNICIAN = new Principal("tom", "Tom", "acme", Set.of(Role.TECHNICIAN),
            Set.of("elm-court"));

    @Test
    void aRescueNotReachedWithinItsSlaIsBreachedOnceAndOneReachedInTimeIsNot() throws Exception {
        try (AlertHarness h = new AlertHarness(Instant.parse("2026-11-29T08:00:00Z"))) {
            h.fixtures.device("lift-1", "elevator", "pw").device("lift-2", "elevator", "pw");
            h.event("lift-1", example("elevator", "event-entrapment"));
            h.event("lift-2", example("elevator", "event-alarm_button"));
            await().atMost(Duration.ofSeconds(30)).until(() -> h.rows("SELECT count(*) FROM rescues").equals(List.of("2")));
            long reached = Long.parseLong(h.rows("SELECT id FROM rescues WHERE device_id = 'lift-2'").getFirst());

            h.clock.advance(Duration.ofMinutes(10));
            Rescues rescues = h.services().rescues();
            rescues.step(TECHNICIAN, reached, new JsonObject().put("step", "dispatched"));
            h.clock.advance(Duration.ofMinutes(15));
            RescueView arrived = rescues.step(TECHNICIAN, reached, new JsonObject().put("step", "arrived"));
            assertThat(arrived.arrivedAt()).isEqualTo(Instant.parse("2026-11-29T08:25:00Z"));

            h.clock.advance(Duration.ofMinutes(6));
            assertThat(h.services().timers().runDue()).as("lift-1's deadline; lift-2's was cancelled by the arrival").isEqualTo(1);
            assertThat(h.services().timers().runDue()).isZero();
            assertThat(h.rows("SELECT device_id, state, sla_breached FROM rescues ORDER BY device_id"))
                    .containsExactly("lift-1 open t", "lift-2 arrived f");
            assertThat(h.rows("SELECT payload ->> 'deviceId' FROM notifications WHERE topic = 'rescue.sla_breached'"))
                    .containsExactly("lift-1");
        }
    }
}
