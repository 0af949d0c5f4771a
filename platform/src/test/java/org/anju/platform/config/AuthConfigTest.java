package org.anju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The session, log-in throttling and audit retention keys: documented defaults, refusals naming key and value. */
class AuthConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        AnjuConfig.Login login = config.security().login();
        assertThat(login).isEqualTo(new AnjuConfig.Login(5, 20, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(15), 1, 16));
        assertThat(config.security().sessionCheckInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.retention().audit()).isEqualTo(Duration.ofDays(1826));
    }

    @Test
    void environmentOverridesTheKeys() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of("ANJU_SECURITY_LOGIN_MAX_FAILURES", "3",
                "ANJU_SECURITY_LOGIN_PASSWORD_THREADS", "2", "ANJU_SECURITY_SESSION_CHECK_INTERVAL", "1m",
                "ANJU_RETENTION_AUDIT", "365d"));

        assertThat(config.security().login().maxFailures()).isEqualTo(3);
        assertThat(config.security().login().passwordThreads()).isEqualTo(2);
        assertThat(config.security().sessionCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.retention().audit()).isEqualTo(Duration.ofDays(365));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ANJU_SECURITY_SESSION_CHECK_INTERVAL    | 2m   | configuration key 'security.sessionCheckInterval' has invalid value '2m': must be at most 1m",
            "ANJU_RETENTION_AUDIT                    | 90d  | configuration key 'retention.audit' has invalid value '90d': must be at least 365d, like fire records (365d)",
            "ANJU_SECURITY_LOGIN_MAX_FAILURES        | 0    | configuration key 'security.login.maxFailures' has invalid value '0': expected a number from 1 to 1000",
            "ANJU_SECURITY_LOGIN_MAX_FAILURE_DELAY   | 10ms | configuration key 'security.login.maxFailureDelay' has invalid value '10ms': must be at least security.login.failureDelay",
            "ANJU_SECURITY_LOGIN_PASSWORD_THREADS    | none | configuration key 'security.login.passwordThreads' has invalid value 'none'",
    })
    void badValuesAreRefusedNamingKeyAndValue(String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, value)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }
}
