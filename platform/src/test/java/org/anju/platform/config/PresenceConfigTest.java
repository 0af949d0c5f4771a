package org.anju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.anju.platform.presence.Expectation;
import org.anju.platform.presence.PresenceSettings;
import org.anju.protocol.DeviceType;

/** The presence section: per-type expectations, their defaults, and refused values. */
class PresenceConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsFileAndJavaDefaultsAgree() {
        PresenceSettings loaded = ConfigLoader.load(Optional.empty(), Map.of()).presence();

        assertThat(loaded).isEqualTo(PresenceSettings.defaults());
        assertThat(loaded.of(DeviceType.CAMERA).silenceAllowed()).as("GB/T 28181: 3 missed 60 s keepalives")
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(loaded.of(DeviceType.SMOKE_DETECTOR).missed()).isEqualTo(2);
        assertThat(loaded.of(DeviceType.SMOKE_DETECTOR).offlineOnDisconnect()).isFalse();
    }

    @Test
    void typesAreConfiguredByFileAndEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("anju.yaml"), """
                presence:
                  checkInterval: 2s
                  parcel_locker:
                    interval: 30s
                    missed: 4
                    offlineOnDisconnect: false
                """);

        PresenceSettings presence = ConfigLoader.load(Optional.of(file), Map.of(
                "ANJU_PRESENCE_SMOKE_DETECTOR_INTERVAL", "12h",
                "ANJU_PRESENCE_SMOKE_DETECTOR_OFFLINE_ON_DISCONNECT", "true")).presence();

        assertThat(presence.checkInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(presence.of(DeviceType.PARCEL_LOCKER)).isEqualTo(new Expectation(Duration.ofSeconds(30), 4, false));
        assertThat(presence.of(DeviceType.SMOKE_DETECTOR)).isEqualTo(new Expectation(Duration.ofHours(12), 2, true));
        assertThat(presence.of(DeviceType.CAMERA)).isEqualTo(new Expectation(Duration.ofSeconds(60), 3, true));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "ANJU_PRESENCE_CAMERA_INTERVAL | 0s | configuration key 'presence.camera.interval' has invalid value '0s': expected a positive duration",
        "ANJU_PRESENCE_CAMERA_INTERVAL | PT-5S | configuration key 'presence.camera.interval' has invalid value 'PT-5S': expected a positive duration",
        "ANJU_PRESENCE_CAMERA_INTERVAL | -5s | configuration key 'presence.camera.interval' has invalid value '-5s': expected a duration",
        "ANJU_PRESENCE_ELEVATOR_INTERVAL | 500ms | configuration key 'presence.elevator.interval' has invalid value '500ms': must be at least 1s",
        "ANJU_PRESENCE_SMOKE_DETECTOR_MISSED | 0 | configuration key 'presence.smoke_detector.missed' has invalid value '0': expected a number from 1 to 1000",
        "ANJU_PRESENCE_EV_CHARGER_MISSED | three | configuration key 'presence.ev_charger.missed' has invalid value 'three': expected a whole number",
        "ANJU_PRESENCE_FIRE_PANEL_OFFLINE_ON_DISCONNECT | yes | configuration key 'presence.fire_panel.offlineOnDisconnect' has invalid value 'yes': expected true or false",
        "ANJU_PRESENCE_CHECK_INTERVAL | 0s | configuration key 'presence.checkInterval' has invalid value '0s': expected a positive duration",
    })
    void badValuesNameTheKey(String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void unknownDeviceTypeIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("toaster.yaml"), "presence:\n  toaster:\n    interval: 10s\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown configuration key 'presence.toaster'");
    }

    @Test
    void retiredGlobalOfflineAfterPointsToItsReplacement() throws IOException {
        Path file = Files.writeString(dir.resolve("old.yaml"), "devices:\n  offlineAfter: 2m\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown configuration key 'devices': devices.offlineAfter was replaced by "
                        + "presence.<device type>.interval and .missed");
    }
}
