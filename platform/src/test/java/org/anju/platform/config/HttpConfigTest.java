package org.anju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP settings: the metrics scrape token and HTTPS. */
class HttpConfigTest {

    @TempDir
    Path dir;

    @Test
    void withoutSettingsThereIsNoTokenAndNoTls() {
        AnjuConfig.Http http = ConfigLoader.load(Optional.empty(), Map.of()).http();

        assertThat(http.metricsToken()).isEmpty();
        assertThat(http.tls()).isEmpty();
    }

    @Test
    void aCertificateTurnsOnHttpsAndSecretsAreMasked() throws Exception {
        Path keyStore = Files.writeString(dir.resolve("api.p12"), "not read here");
        AnjuConfig.Http http = ConfigLoader.load(Optional.empty(), Map.of(
                "ANJU_HTTP_METRICS_TOKEN", "scrape-token-0123456789",
                "ANJU_HTTP_TLS_CERT_PATH", keyStore.toString(),
                "ANJU_HTTP_TLS_KEY_STORE_PASSWORD", "store-password-42",
                "ANJU_HTTP_TLS_REDIRECT_PORT", "8081")).http();

        assertThat(http.metricsToken()).isEqualTo("scrape-token-0123456789");
        assertThat(http.tls()).hasValueSatisfying(tls -> {
            assertThat(tls.certPath()).isEqualTo(keyStore.toString());
            assertThat(tls.hstsMaxAge()).isEqualTo(Duration.ofDays(365));
            assertThat(tls.redirectPort()).isEqualTo(8081);
        });
        assertThat(http.toString()).contains("metricsToken=***", "keyStorePassword=***")
                .doesNotContain("scrape-token-0123456789", "store-password-42");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ANJU_HTTP_METRICS_TOKEN|too-short|'http.metricsToken' must be empty (none) or at least 16 characters",
            "ANJU_HTTP_TLS_CERT_PATH|/no/such/api.pem|'http.tls.certPath' has invalid value '/no/such/api.pem'",
    })
    void badValuesNameTheKeyButNeverRepeatTheToken(String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, value)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message).hasMessageNotContaining("too-short");
    }

    @Test
    void theRedirectPortIsAPortOrMinusOne() throws Exception {
        Path cert = Files.writeString(dir.resolve("api.pem"), "not read here");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("ANJU_HTTP_TLS_CERT_PATH", cert.toString(),
                "ANJU_HTTP_TLS_KEY_PATH", cert.toString(), "ANJU_HTTP_TLS_REDIRECT_PORT", "-2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http.tls.redirectPort' has invalid value '-2': expected a number from -1 to 65535");
    }
}
