package org.anju.platform.alerts.rules;

import org.anju.protocol.DataPoint;

/**
 * Standalone smoke alarms (GB 20517): alarm and its clear, low battery (the device's event or a
 * reading under the threshold), fault, tamper (cleared by re-installation), end of life, failed self-test.
 */
final class SmokeDetectorRules implements TypeRules {

    /** Battery must rise this far above the threshold before low battery clears, so a hovering reading does not flap. */
    private static final double BATTERY_HYSTERESIS = 5;

    @Override
    public void evaluate(RuleInput in) {
        for (RuleInput.Event e : in.events()) {
            switch (e.kind()) {
                case "alarm" -> in.raise("fire_alarm", Severity.CRITICAL, e.ts(), RuleInput.detail(e));
                case "alarm_cleared" -> in.clear("fire_alarm", e.ts());
                case "low_battery" -> in.raise("low_battery", Severity.MINOR, e.ts(), RuleInput.detail(e));
                case "fault" -> in.raise("detector_fault", Severity.MAJOR, e.ts(), RuleInput.detail(e));
                case "tamper" -> in.raise("tamper", Severity.MAJOR, e.ts(), RuleInput.detail(e));
                case "installed" -> in.clear("tamper", e.ts());
                case "end_of_life" -> in.raise("end_of_life", Severity.MAJOR, e.ts(), RuleInput.detail(e));
                case "test" -> {
                    // a test without a result (the field is optional) tells nothing of the outcome
                    String result = e.json().path("result").asText();
                    if (result.equals("failed")) {
                        in.raise("self_test_failed", Severity.MAJOR, e.ts(), RuleInput.detail(e));
                    } else if (result.equals("passed")) {
                        in.clear("self_test_failed", e.ts());
                    }
                }
                default -> {
                    // silenced, heartbeat: no alert
                }
            }
        }
        DataPoint battery = in.point("battery");
        if (battery != null) {
            double threshold = in.settings().lowBatteryPercent();
            if (battery.value() < threshold) {
                in.hold("low_battery", Severity.MINOR, battery.ts(), RuleInput.detail().put("battery", battery.value()));
            } else if (battery.value() >= threshold + BATTERY_HYSTERESIS && !saysLowBattery(in)) {
                // the detector's own judgement wins over its reading in the same message (its threshold may differ)
                in.clear("low_battery", battery.ts());
            }
        }
    }

    private static boolean saysLowBattery(RuleInput in) {
        return in.events().stream().anyMatch(e -> e.kind().equals("low_battery"));
    }
}
