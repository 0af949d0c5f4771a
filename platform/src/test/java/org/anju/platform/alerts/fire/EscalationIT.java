package org.anju.platform.alerts.fire;

import static org.anju.platform.testing.CatalogueExamples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.alerts.AlertHarness;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.TimeRange;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;

/**
 * Escalation timers live in the database and follow the injected clock: they fire once, also when
 * the platform was stopped while they fell due, and not when the case moved on in time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EscalationIT {

    private static final Principal FIRE_BRIGADE = new Principal("fireman", "Fire brigade", null,
            Set.of(Role.FIRE_BRIGADE), Set.of());
    private static final Principal OPERATOR = new Principal("otto", "Otto", "acme", Set.of(Role.OPERATOR),
            Set.of("elm-court"));
    private static final AuditEntry AUDIT = AuditEntry.of("fire_case.transition", "otto", "acme", null, null);

    @Test
    void anUnacknowledgedAlarmIsEscalatedOnceAcrossARestartAndAgainWithoutVerdict() throws Exception {
        try (AlertHarness h = new AlertHarness(Instant.parse("2026-11-29T08:00:00Z"))) {
            h.fixtures.device("det-1", "smoke_detector", "pw");
            h.event("det-1", example("smoke_detector", "event-alarm"));
            await().atMost(Duration.ofSeconds(30)).until(() -> h.rows("SELECT state FROM fire_cases").equals(List.of("received")));
            assertThat(h.services().timers().runDue()).as("nothing is due at receipt").isZero();

            // the platform stops; the acknowledgement timeout (60 s) passes while it is down
            h.stopPipeline();
            h.clock.advance(Duration.ofSeconds(61));
            h.startPipeline();
            h.startTimers();

            await().atMost(Duration.ofSeconds(30)).until(() -> h.rows("SELECT escalation_level FROM fire_cases").equals(List.of("1")));
            assertThat(h.services().timers().runDue()).as("a fired timer does not fire again").isZero();
            assertThat(h.services().fire().list(FIRE_BRIGADE, null, null, true, board(h.clock.instant())).items())
                    .as("on the fire brigade board").hasSize(1);
            assertThat(h.rows("SELECT topic, fire, payload ->> 'escalationLevel' FROM notifications WHERE topic = 'fire.escalated'"))
                    .containsExactly("fire.escalated t 1");

            // no verdict within 3 minutes: escalated again, once
            h.clock.advance(Duration.ofSeconds(120));
            await().atMost(Duration.ofSeconds(30)).until(() -> h.rows("SELECT escalation_level FROM fire_cases").equals(List.of("2")));
            assertThat(h.services().timers().runDue()).isZero();
            assertThat(h.rows("SELECT payload ->> 'escalationLevel' FROM notifications WHERE topic = 'fire.escalated' ORDER BY id"))
                    .containsExactly("1", "2");
            assertThat(h.rows("SELECT from_state, to_state, actor, note FROM fire_case_transitions ORDER BY id")).containsExactly(
                    "null received system null",
                    "received received system escalated to the fire brigade: not acknowledged in time",
                    "received received system escalated again: no verdict in time");
        }
    }

    @Test
    void anAlarmAcknowledgedAndJudgedInTimeIsNotEscalated() throws Exception {
        try (AlertHarness h = new AlertHarness(Instant.parse("2026-11-29T08:00:00Z"))) {
            h.fixtures.device("det-2", "smoke_detector", "pw");
            h.event("det-2", example("smoke_detector", "event-alarm"));
            await().atMost(Duration.ofSeconds(30)).until(() -> h.rows("SELECT state FROM fire_cases").equals(List.of("received")));
            long caseId = Long.parseLong(h.rows("SELECT id FROM fire_cases").getFirst());
            FireWorkflow fire = h.services().fire();

            h.clock.advance(Duration.ofSeconds(30));
            fire.transition(OPERATOR, caseId, new TransitionRequest(FireState.ACKNOWLEDGED, null, null), AUDIT);
            h.clock.advance(Duration.ofSeconds(60));
            fire.transition(OPERATOR, caseId, new TransitionRequest(FireState.VERIFYING, null, "calling the control room"), AUDIT);
            fire.transition(OPERATOR, caseId, new TransitionRequest(FireState.TEST, null, "maintenance test"), AUDIT);
            h.clock.advance(Duration.ofMinutes(10));

            assertThat(h.services().timers().runDue()).as("both timers were cancelled").isZero();
            assertThat(fire.list(FIRE_BRIGADE, null, null, true, board(h.clock.instant())).items()).isEmpty();
            assertThat(h.rows("SELECT escalation_level, state, verdict FROM fire_cases")).containsExactly("0 test test");
            assertThat(h.rows("SELECT kind, outcome FROM alert_timers ORDER BY kind"))
                    .containsExactly("unacknowledged cancelled", "unconfirmed cancelled");
        }
    }

    /** The first page of the fire brigade board: cases open at some time in the last week. */
    private static ListRequest board(java.time.Instant now) {
        return new ListRequest(new TimeRange(now.minus(Duration.ofDays(7)), now.plusSeconds(1)), 10, null);
    }
}
