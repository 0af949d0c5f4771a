package org.anju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.platform.alerts.AlertSettings;

/**
 * The {@code alerts.*} keys: the documented defaults (DOMAIN.md, GB 25201), overrides, and
 * refusals that name the key and the value.
 */
class AlertConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AnjuConfig.Alerts alerts = ConfigLoader.load(Optional.empty(), Map.of()).alerts();
        AlertSettings d = alerts.defaults();

        assertThat(d.rescueSla()).as("urban: 30 min").isEqualTo(Duration.ofMinutes(30));
        assertThat(d.rescueSlaOther()).isEqualTo(Duration.ofHours(1));
        assertThat(d.fireAckTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.fireConfirmTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(d.falseAlarmDailyLimit()).isEqualTo(5);
        assertThat(d.stormThreshold()).isEqualTo(5);
        assertThat(alerts.timerPollInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void environmentOverridesThresholds() {
        AlertSettings d = ConfigLoader.load(Optional.empty(), Map.of("ANJU_ALERTS_URBAN", "false",
                "ANJU_ALERTS_ENTRAPMENT_AFTER", "45s", "ANJU_ALERTS_LOW_BATTERY_PERCENT", "12.5")).alerts().defaults();

        assertThat(d.rescueSla()).isEqualTo(Duration.ofHours(1));
        assertThat(d.entrapmentAfter()).isEqualTo(Duration.ofSeconds(45));
        assertThat(d.lowBatteryPercent()).isEqualTo(12.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ANJU_ALERTS_STORM_THRESHOLD|1|configuration key 'alerts.stormThreshold' has invalid value '1': expected a number from 2 to 100000",
        "ANJU_ALERTS_URBAN|maybe|configuration key 'alerts.urban' has invalid value 'maybe': expected true or false",
        "ANJU_ALERTS_CAMERA_STORAGE_FULL_PERCENT|101|configuration key 'alerts.cameraStorageFullPercent' has invalid value '101': expected a number from 1.0 to 100.0",
        "ANJU_ALERTS_FIRE_ACK_TIMEOUT|soon|configuration key 'alerts.fireAckTimeout' has invalid value 'soon': expected a duration such as 5ms, 10s, 2m, 12h or 1d",
    })
    void badValuesAreRefusedNamingTheKey(String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, value)))
                .isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
