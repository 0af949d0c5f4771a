package org.anju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeliveryConfigTest {

    @Test
    void defaultsAndOverrides() {
        AnjuConfig defaults = ConfigLoader.load(Optional.empty(), Map.of());
        AnjuConfig changed = ConfigLoader.load(Optional.empty(), Map.of("ANJU_WEBHOOKS_MAX_ATTEMPTS", "3",
                "ANJU_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true", "ANJU_FEED_HEARTBEAT_INTERVAL", "5s",
                "ANJU_WEBHOOKS_SECRET_KEY", "a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS0="));

        assertThat(defaults.feed().heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.webhooks().maxAttempts()).isEqualTo(8);
        assertThat(defaults.webhooks().allowPrivateTargets()).isFalse();
        assertThat(changed.webhooks().maxAttempts()).isEqualTo(3);
        assertThat(changed.webhooks().allowPrivateTargets()).isTrue();
        assertThat(changed.feed().heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.webhooks().toString()).contains("secretKey=***").doesNotContain("a2V5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ANJU_WEBHOOKS_ALLOW_PRIVATE_TARGETS|yes|'webhooks.allowPrivateTargets' has invalid value 'yes': expected true or false",
            "ANJU_WEBHOOKS_MAX_ATTEMPTS|0|'webhooks.maxAttempts' has invalid value '0': expected a number from 1 to 100",
            "ANJU_WEBHOOKS_RETRY_MAX|1s|'webhooks.retryMax' has invalid value '1s': must be at least webhooks.retryBase",
            "ANJU_FEED_CLIENT_BUFFER_BYTES|10|'feed.clientBufferBytes' has invalid value '10'",
            "ANJU_WEBHOOKS_SECRET_KEY|short|'webhooks.secretKey' must be empty (generate one) or at least 44 characters",
    })
    void badValuesNameTheKey(String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, value)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
