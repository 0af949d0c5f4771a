package org.anju.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    @Test
    void propertyBagContentTypeIsUrlDecoded() {
        assertThat(HonoTopic.propertyBagContentType("t/?content-type=text%2Fplain%3B%20charset%3Dutf-8&x=1"))
                .contains("text/plain; charset=utf-8");
        assertThat(HonoTopic.propertyBagContentType("event/acme/d1/?x=1&content-type=application%2Fcbor"))
                .contains("application/cbor");
        assertThat(HonoTopic.propertyBagContentType("telemetry")).isEmpty();
        assertThat(HonoTopic.propertyBagContentType("telemetry/?x=1")).isEmpty();
        assertThatThrownBy(() -> HonoTopic.propertyBagContentType("t/?content-type=%zz"))
                .isInstanceOf(ClientError.class);
    }

    @Test
    void propertyBagTtdIsSecondsOrMinusOne() {
        assertThat(HonoTopic.propertyBagTtd("t/?hono-ttd=60")).hasValue(60);
        assertThat(HonoTopic.propertyBagTtd("telemetry/acme/d1/?content-type=application%2Fjson&hono-ttd=-1")).hasValue(-1);
        assertThat(HonoTopic.propertyBagTtd("telemetry")).isEmpty();
        assertThat(HonoTopic.propertyBagTtd("telemetry/?content-type=text%2Fplain")).isEmpty();
        for (String bad : List.of("t/?hono-ttd=soon", "t/?hono-ttd=-2", "t/?hono-ttd=1.5", "t/?hono-ttd=99999999999")) {
            assertThatThrownBy(() -> HonoTopic.propertyBagTtd(bad)).as(bad)
                    .isInstanceOf(ClientError.class).hasMessageContaining("hono-ttd");
        }
    }

    @Test
    void devicePayloadIsJsonOrUnlabelledBytes() {
        assertThat(withType("application/json").hasDevicePayload()).isTrue();
        assertThat(withType("Application/JSON; charset=utf-8").hasDevicePayload()).isTrue();
        assertThat(withType(DeviceMessage.OCTET_STREAM).hasDevicePayload()).isTrue();
        assertThat(withType("text/plain").hasDevicePayload()).isFalse();
        assertThat(withType("application/cbor").hasDevicePayload()).isFalse();
    }

    private static DeviceMessage withType(String contentType) {
        return new DeviceMessage("acme", "d1", Endpoint.TELEMETRY, 1, new byte[0], java.time.Instant.EPOCH, contentType);
    }
}
