package org.anju.platform.alerts.rules;

import java.util.List;
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

    /**
     * Running-state metric → the alert it holds while 1 (the fire alarm is left to the events and the
     * workflow); in a fixed order, so that one report always opens its alerts in the same order.
     */
    private static final List<StateMetric> STATE = List.of(
            new StateMetric("fault", SIGNALS.get("fault")),
            new StateMetric("mainPowerFault", SIGNALS.get("main_power_fault")),
            new StateMetric("backupPowerFault", SIGNALS.get("backup_power_fault")),
            new StateMetric("linkToCenterFailed", new Category("uitd_fault.link_to_center_failed", Severity.MAJOR)),
            new StateMetric("monitoringLineFault", new Category("uitd_fault.monitoring_line_fault", Severity.MAJOR)));

    private record Category(String type, Severity severity) {
    }

    private record StateMetric(String metric, Category category) {
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
        for (StateMetric state : STATE) {
            DataPoint p = in.point(state.metric());
            if (p == null) {
                continue;
            }
            if (p.value() != 0) {
                in.hold(state.category().type(), state.category().severity(), p.ts(),
                        RuleInput.detail().put(state.metric(), true));
            } else {
                in.clear(state.category().type(), p.ts());
            }
        }
    }
}
