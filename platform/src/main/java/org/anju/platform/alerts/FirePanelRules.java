package org.anju.platform.alerts;

import java.util.Map;

import org.anju.protocol.DataPoint;

/**
 * Building fire panels through their UITD (GB/T 26875.3): each signal category opens its alert and
 * its {@code _restored} kind clears it; UITD faults by fault; the running-state telemetry holds or
 * clears the panel-level faults, so a lost event is caught at the next report.
 */
final class FirePanelRules implements TypeRules {

    /** Signal category → alert type and severity. Started, feedback and delay accompany a fire: no alert of their own. */
    private static final Map<String, Category> SIGNALS = Map.of(
            "fire_alarm", new Category("fire_alarm", Severity.CRITICAL),
            "fault", new Category("panel_fault", Severity.MAJOR),
            "supervisory", new Category("panel_supervisory", Severity.MAJOR),
            "shielded", new Category("panel_shielded", Severity.WARNING),
            "main_power_fault", new Category("panel_main_power_fault", Severity.MAJOR),
            "backup_power_fault", new Category("panel_backup_power_fault", Severity.MINOR),
            "bus_fault", new Category("panel_bus_fault", Severity.MAJOR));

    /** Running-state metric → the alert it holds while 1 (the fire alarm is left to the events and the workflow). */
    private static final Map<String, Category> STATE = Map.of(
            "fault", SIGNALS.get("fault"),
            "mainPowerFault", SIGNALS.get("main_power_fault"),
            "backupPowerFault", SIGNALS.get("backup_power_fault"),
            "linkToCenterFailed", new Category("uitd_fault.link_to_center_failed", Severity.MAJOR),
            "monitoringLineFault", new Category("uitd_fault.monitoring_line_fault", Severity.MAJOR));

    private record Category(String type, Severity severity) {
    }

    @Override
    public void evaluate(RuleInput in) {
        for (RuleInput.Event e : in.events()) {
            String kind = e.kind();
            if (kind.equals("uitd_fault") || kind.equals("uitd_fault_restored")) {
                String type = "uitd_fault." + e.json().path("fault").asText("other");
                if (kind.equals("uitd_fault")) {
                    in.raise(type, Severity.MAJOR, e.ts(), RuleInput.detail(e));
                } else {
                    in.clear(type, e.ts());
                }
                continue;
            }
            boolean restored = kind.endsWith("_restored");
            Category category = SIGNALS.get(restored ? kind.substring(0, kind.length() - "_restored".length()) : kind);
            if (category == null) {
                continue; // operations, started, feedback, delay
            }
            if (restored) {
                in.clear(category.type(), e.ts());
            } else {
                in.raise(category.type(), category.severity(), e.ts(), RuleInput.detail(e));
            }
        }
        STATE.forEach((metric, category) -> {
            DataPoint p = in.point(metric);
            if (p == null) {
                return;
            }
            if (p.value() != 0) {
                in.hold(category.type(), category.severity(), p.ts(), RuleInput.detail().put(metric, true));
            } else {
                in.clear(category.type(), p.ts());
            }
        });
    }
}
