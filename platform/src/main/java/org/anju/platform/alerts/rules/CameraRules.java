package org.anju.platform.alerts.rules;

import java.util.Map;

import org.anju.protocol.DataPoint;

/**
 * Cameras (GB/T 28181): device alarms as alerts (video analytics such as motion or intrusion are
 * security events, not device alerts); the keepalive holds or clears keepalive errors, full
 * storage and over-temperature against the community's thresholds. Offline after 3 missed
 * keepalives comes from presence tracking.
 */
final class CameraRules implements TypeRules {

    private static final Map<String, Severity> ALARMS = Map.of(
            "video_loss", Severity.MAJOR,
            "tamper", Severity.MAJOR,
            "storage_full", Severity.MINOR,
            "storage_fault", Severity.MAJOR,
            "fan_fault", Severity.MINOR,
            "over_temperature", Severity.MAJOR,
            "under_temperature", Severity.MINOR);

    @Override
    public void evaluate(RuleInput in) {
        for (RuleInput.Event e : in.events()) {
            Severity severity = ALARMS.get(e.kind());
            if (severity != null) {
                in.raise("camera_" + e.kind(), severity, e.ts(), RuleInput.detail(e));
            }
        }
        String keepalive = in.status().get("keepaliveStatus");
        if (keepalive != null) {
            if (keepalive.equals("ERROR")) {
                in.hold("camera_error", Severity.MINOR, in.dataTime(), RuleInput.detail().put("keepaliveStatus", keepalive));
            } else {
                in.clear("camera_error", in.dataTime());
            }
        }
        DataPoint used = in.point("storageUsedBytes");
        DataPoint total = in.point("storageTotalBytes");
        if (used != null && total != null && total.value() > 0) {
            double percent = 100 * used.value() / total.value();
            if (percent >= in.settings().cameraStorageFullPercent()) {
                in.hold("camera_storage_full", Severity.MINOR, used.ts(), RuleInput.detail().put("storageUsedPercent", percent));
            } else {
                in.clear("camera_storage_full", used.ts());
            }
        }
        DataPoint temperature = in.point("temperature");
        if (temperature != null && in.events().isEmpty()) {
            if (temperature.value() > in.settings().cameraMaxTemperature()) {
                in.hold("camera_over_temperature", Severity.MAJOR, temperature.ts(),
                        RuleInput.detail().put("temperature", temperature.value()));
            } else {
                in.clear("camera_over_temperature", temperature.ts());
            }
        }
    }
}
