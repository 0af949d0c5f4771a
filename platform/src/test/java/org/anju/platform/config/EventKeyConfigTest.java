package org.anju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The key that seals the secrets in device events: configured or generated, never logged. */
class EventKeyConfigTest {

    private static final String KEY = Base64.getEncoder().encodeToString("thirty-two bytes of an event key".getBytes());

    @Test
    void isGeneratedUnlessConfiguredAndMaskedWhenLogged() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of()).security().eventSecretKey()).isEmpty();
        AnjuConfig configured = ConfigLoader.load(Optional.empty(), Map.of("ANJU_SECURITY_EVENT_SECRET_KEY", KEY));

        assertThat(configured.security().eventSecretKey()).isEqualTo(KEY);
        assertThat(configured.security().toString()).contains("eventSecretKey=***").doesNotContain(KEY.substring(0, 8));
    }

    @Test
    void aShortKeyIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("ANJU_SECURITY_EVENT_SECRET_KEY", "tooshort")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration key 'security.eventSecretKey' must be empty (generate one) or at least 44"
                        + " characters long");
    }

    @Test
    void aKeyThatIsNotBase64Of32BytesNamesTheSetting() throws Exception {
        assertThatThrownBy(() -> KeyFiles.load("#".repeat(44), "security.eventSecretKey", Path.of("unused"), 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("security.eventSecretKey must hold base64 of 32 random bytes");
        assertThat(KeyFiles.load(KEY, "security.eventSecretKey", Path.of("unused"), 32)).hasSize(32);
    }
}
