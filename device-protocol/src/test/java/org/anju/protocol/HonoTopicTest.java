package org.anju.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.anju.error.ClientError;

class HonoTopicTest {

    @ParameterizedTest
    @ValueSource(strings = {"telemetry", "t", "telemetry/?content-type=application%2Fjson"})
    void deviceTelemetryForItself(String topic) {
        HonoTopic parsed = HonoTopic.parsePublish(topic);

        assertThat(parsed.endpoint()).isEqualTo(Endpoint.TELEMETRY);
        assertThat(parsed.namesDevice()).isFalse();
        assertThat(parsed.tenantId()).isEmpty();
    }

    @Test
    void eventShortForm() {
        assertThat(HonoTopic.parsePublish("e").endpoint()).isEqualTo(Endpoint.EVENT);
    }

    @Test
    void gatewayFormNamesTenantAndDevice() {
        HonoTopic parsed = HonoTopic.parsePublish("event/acme/detector-7");

        assertThat(parsed.endpoint()).isEqualTo(Endpoint.EVENT);
        assertThat(parsed.tenantId()).contains("acme");
        assertThat(parsed.deviceId()).contains("detector-7");
    }

    @Test
    void gatewayFormMayLeaveTenantOut() {
        HonoTopic parsed = HonoTopic.parsePublish("t//detector-7");

        assertThat(parsed.tenantId()).isEqualTo(Optional.empty());
        assertThat(parsed.deviceId()).contains("detector-7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "temperature", "command///req/1", "telemetry/acme", "telemetry/acme/", "t/a/b/c"})
    void rejectsWhatIsNotATelemetryOrEventTopic(String topic) {
        assertThatThrownBy(() -> HonoTopic.parsePublish(topic))
                .isInstanceOf(ClientError.class)
                .satisfies(e -> assertThat(((ClientError) e).code()).isEqualTo(400));
    }
}
