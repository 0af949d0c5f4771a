package org.anju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code rollup.*} and {@code retention.*} keys: defaults, overrides, and refusals that name
 * the key and the value.
 */
class StorageConfigTest {

    @Test
    void defaultsAreTheDocumentedRetentions() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.rollup().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.rollup().dayZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        AnjuConfig.Retention r = config.retention();
        assertThat(r.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(r.telemetry()).isEqualTo(Duration.ofDays(90));
        assertThat(r.hourly()).isEqualTo(Duration.ofDays(730));
        assertThat(r.daily()).isEqualTo(Duration.ofDays(1826));
        assertThat(r.events()).isEqualTo(Duration.ofDays(1826));
        assertThat(r.fireEvents()).isEqualTo(Duration.ofDays(1826));
    }

    @Test
    void environmentOverridesRetentionAndRollupKeys() {
        AnjuConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "ANJU_RETENTION_TELEMETRY", "30d",
                "ANJU_RETENTION_FIRE_EVENTS", "365d",
                "ANJU_ROLLUP_INTERVAL", "10s",
                "ANJU_ROLLUP_DAY_ZONE", "UTC"));

        assertThat(config.retention().telemetry()).isEqualTo(Duration.ofDays(30));
        assertThat(config.retention().fireEvents()).isEqualTo(Duration.ofDays(365));
        assertThat(config.rollup().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.rollup().dayZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ANJU_RETENTION_FIRE_EVENTS | 200d       | configuration key 'retention.fireEvents' has invalid value '200d': must be at least the legal minimum for fire records (GB 25201) (365d)",
            "ANJU_RETENTION_HOURLY      | 30d        | configuration key 'retention.hourly' has invalid value '30d': must be at least retention.telemetry (90d)",
            "ANJU_RETENTION_DAILY       | 700d       | configuration key 'retention.daily' has invalid value '700d': must be at least retention.hourly (730d)",
            "ANJU_RETENTION_EVENTS      | forever    | configuration key 'retention.events' has invalid value 'forever'",
            "ANJU_ROLLUP_INTERVAL       | 0s         | configuration key 'rollup.interval' has invalid value '0s'",
            "ANJU_ROLLUP_DAY_ZONE       | Mars/Olympus | configuration key 'rollup.dayZone' has invalid value 'Mars/Olympus'",
            "ANJU_ROLLUP_DAY_ZONE       | Asia/Kolkata | configuration key 'rollup.dayZone' has invalid value 'Asia/Kolkata': expected a zone whose offset from UTC is whole hours",
    })
    void badValuesAreRefusedNamingKeyAndValue(String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }
}
