package org.anju.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;

class OnErrorTest {

    @Test
    void readsHonosValuesFromThePropertyBag() {
        assertThat(OnError.ofTopic("telemetry")).isEqualTo(OnError.DEFAULT);
        assertThat(OnError.ofTopic("t/?content-type=text%2Fplain")).isEqualTo(OnError.DEFAULT);
        assertThat(OnError.ofTopic("telemetry/?on-error=default")).isEqualTo(OnError.DEFAULT);
        assertThat(OnError.ofTopic("event/?on-error=disconnect")).isEqualTo(OnError.DISCONNECT);
        assertThat(OnError.ofTopic("t//dev-2/?correlation-id=7&on-error=ignore")).isEqualTo(OnError.IGNORE);
        assertThat(OnError.ofTopic("e/?on-error=skip-ack&hono-ttd=30")).isEqualTo(OnError.SKIP_ACK);
    }

    @Test
    void anUnknownValueIsAnInvalidTopic() {
        assertThatThrownBy(() -> OnError.ofTopic("telemetry/?on-error=IGNORE"))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("default, disconnect, ignore, skip-ack");
    }

    @Test
    void theDefaultIsIgnoreOnlyWhenTheErrorWasReported() {
        assertThat(OnError.DEFAULT.effective(true)).isEqualTo(OnError.IGNORE);
        assertThat(OnError.DEFAULT.effective(false)).isEqualTo(OnError.DEFAULT);
        assertThat(OnError.SKIP_ACK.effective(true)).isEqualTo(OnError.SKIP_ACK);
        assertThat(OnError.DISCONNECT.effective(true)).isEqualTo(OnError.DISCONNECT);
    }
}
