package org.anju.platform.alerts.rules;

import static org.anju.platform.alerts.rules.RuleTable.DEFAULTS;
import static org.anju.platform.alerts.rules.RuleTable.event;
import static org.anju.platform.alerts.rules.RuleTable.replayed;
import static org.anju.platform.alerts.rules.RuleTable.row;
import static org.anju.platform.alerts.rules.RuleTable.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.alerts.rules.RuleTable.Row;
import org.anju.protocol.DeviceType;

/**
 * The rules of cameras (docs/alerts.md, GB/T 28181): device alarms as alerts, video analytics as
 * security events only, and the keepalive holding or clearing errors, full storage and
 * over-temperature against the community's thresholds.
 */
class CameraRulesTest {

    /** Device alarm → severity (docs/alerts.md). */
    private static final Map<String, String> ALARMS = Map.of("video_loss", "major", "tamper", "major",
            "storage_fault", "major", "storage_full", "minor", "fan_fault", "minor", "over_temperature", "major",
            "under_temperature", "minor");
    private static final List<String> ANALYTICS = List.of("motion", "intrusion", "tripwire", "loitering", "object_left",
            "object_removed", "occlusion");
    /** 100 GB of storage. */
    private static final long TOTAL = 100_000_000_000L;

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>(List.of(
                row("keepalive OK clears a keepalive error", telemetry("{'status': 'OK'}", "clear camera_error")),
                row("keepalive ERROR holds a minor keepalive error", telemetry("{'status': 'ERROR'}", "hold camera_error minor")),
                row("storage used at the full threshold holds full storage",
                        telemetry(keepalive(95_000_000_000L, TOTAL, null), "clear camera_error",
                                "hold camera_storage_full minor")),
                row("storage used just below the threshold clears full storage",
                        telemetry(keepalive(94_999_999_999L, TOTAL, null), "clear camera_error", "clear camera_storage_full")),
                row("a community's storage threshold of 80 %", DEFAULTS.withCameraStorageFullPercent(80),
                        telemetry(keepalive(80_000_000_000L, TOTAL, null), "clear camera_error",
                                "hold camera_storage_full minor")),
                row("no storage figures, or a total of 0, say nothing of storage",
                        telemetry(keepalive(5L, null, null), "clear camera_error"),
                        telemetry(keepalive(0L, 0L, null), "clear camera_error")),
                row("a temperature above the maximum holds over-temperature",
                        telemetry(keepalive(null, null, 70.1), "clear camera_error", "hold camera_over_temperature major")),
                row("a temperature at the maximum clears over-temperature",
                        telemetry(keepalive(null, null, 70.0), "clear camera_error", "clear camera_over_temperature")),
                row("a community's maximum of 60 °C", DEFAULTS.withCameraMaxTemperature(60),
                        telemetry(keepalive(null, null, 65.0), "clear camera_error", "hold camera_over_temperature major")),
                row("a whole keepalive concludes error, storage and temperature in that order",
                        telemetry("{'ts': '2026-11-29T16:00:00+08:00', 'status': 'ERROR', 'storageUsedBytes': 251188445184,"
                                + " 'storageTotalBytes': 256060514304, 'temperature': 46.5}", "hold camera_error minor",
                                "hold camera_storage_full minor", "clear camera_over_temperature")),
                row("an over-temperature alarm is not cleared by its own reading below the maximum",
                        event("{'kind': 'over_temperature', 'priority': 2, 'temperature': 65}",
                                "raise camera_over_temperature major")),
                row("an under-temperature alarm's reading does not clear over-temperature",
                        event("{'kind': 'under_temperature', 'priority': 3, 'temperature': -30}",
                                "raise camera_under_temperature minor")),
                row("a plate read is parking data, not an alert",
                        event("{'kind': 'plate_read', 'plate': '京A12345', 'direction': 'in', 'gateId': 'north',"
                                + " 'confidence': 0.97}")),
                row("a replayed alarm of an unknown kind is ignored", replayed("{'kind': 'lens_dirty'}"))));
        ALARMS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(alarm -> rows.add(row(
                "alarm " + alarm.getKey() + " raises a " + alarm.getValue() + " alert",
                event("{'kind': '" + alarm.getKey() + "', 'priority': 1, 'channel': 1}",
                        "raise camera_" + alarm.getKey() + " " + alarm.getValue()))));
        for (String analytic : ANALYTICS) {
            rows.add(row("video analytics " + analytic + " is a security event, not an alert",
                    event("{'kind': '" + analytic + "', 'priority': 3}")));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void concludes(Row row) {
        RuleTable.check(DeviceType.CAMERA, row);
    }

    @Test
    void fullStorageTellsThePercentUsed() {
        Signal full = RuleTable.signals(DeviceType.CAMERA, DEFAULTS, telemetry(keepalive(97_500_000_000L, TOTAL, null)))
                .get(1);
        assertThat(full.type()).isEqualTo("camera_storage_full");
        assertThat(full.detail().path("storageUsedPercent").asDouble()).isEqualTo(97.5);
    }

    private static String keepalive(Long used, Long total, Double temperature) {
        StringBuilder json = new StringBuilder("{'status': 'OK'");
        if (used != null) {
            json.append(", 'storageUsedBytes': ").append(used);
        }
        if (total != null) {
            json.append(", 'storageTotalBytes': ").append(total);
        }
        if (temperature != null) {
            json.append(", 'temperature': ").append(temperature);
        }
        return json.append('}').toString();
    }
}
