package org.anju.platform.alerts.fire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;

/**
 * The workflow's rules that need no database: which states follow which, and what a request must say.
 */
class TransitionRequestTest {

    @Test
    void aCaseClosesOnlyAfterAVerdictAndFireIsForwardedBeforeClosing() {
        for (FireState state : FireState.values()) {
            assertThat(state.next().contains(FireState.CLOSED))
                    .as(state + " may close").isEqualTo(state == FireState.FORWARDED_119 || state == FireState.FALSE_ALARM
                            || state == FireState.TEST);
        }
        assertThat(FireState.CONFIRMED_FIRE.next()).containsExactly(FireState.FORWARDED_119);
        assertThat(FireState.RECEIVED.next()).containsExactly(FireState.ACKNOWLEDGED);
        assertThat(FireState.CLOSED.next()).isEmpty();
    }

    @Test
    void aFalseAlarmNeedsAKnownCauseAndOtherNeedsANote() {
        assertThat(TransitionRequest.parse(new JsonObject("{\"to\": \"false_alarm\", \"cause\": \"steam\", \"note\": \" shower \"}")))
                .isEqualTo(new TransitionRequest(FireState.FALSE_ALARM, FalseAlarmCause.STEAM, "shower"));
        assertRefused("{\"to\": \"false_alarm\"}", "field 'cause' is required for a false alarm");
        assertRefused("{\"to\": \"false_alarm\", \"cause\": \"ghosts\"}", "field 'cause' is required for a false alarm");
        assertRefused("{\"to\": \"false_alarm\", \"cause\": \"other\"}", "field 'note' is required when the cause is other");
        assertRefused("{\"to\": \"test\", \"cause\": \"steam\"}", "field 'cause' applies only to false_alarm");
    }

    @Test
    void theTargetAndTheNoteAreChecked() {
        assertRefused("{}", "field 'to' must be one of received, acknowledged");
        assertRefused("{\"to\": 3}", "field 'to' must be one of");
        assertRefused("{\"to\": \"verifying\", \"note\": 1}", "field 'note' must be text");
        assertRefused("{\"to\": \"verifying\", \"note\": \"" + "x".repeat(501) + "\"}", "at most 500 characters");
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> TransitionRequest.parse(new JsonObject(body))).isInstanceOf(ClientError.class)
                .hasMessageContaining(message).extracting(e -> ((ClientError) e).code()).isEqualTo(400);
    }
}
