package org.anju.platform.alerts.rules;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EV chargers (OCPP 1.6): a connector's error code other than {@code NoError} opens
 * {@code charger_fault.<connector>.<code>}; {@code NoError} on that connector clears its faults.
 * A connector temperature above the community's limit is an over-temperature alert.
 */
final class ChargerRules implements TypeRules {

    private static final Pattern CONNECTOR_METRIC = Pattern.compile("connector\\.(\\d+)\\.Temperature");
    private static final Pattern CONNECTOR_ERROR = Pattern.compile("connector\\.(\\d+)\\.errorCode");
    /** Faults of the power path: a danger to people or the car. */
    private static final Set<String> MAJOR = Set.of("GroundFailure", "HighTemperature", "OverCurrentFailure",
            "OverVoltage", "UnderVoltage", "PowerSwitchFailure", "ConnectorLockFailure");

    @Override
    public void evaluate(RuleInput in) {
        for (Map.Entry<String, String> status : in.status().entrySet()) {
            Matcher m = CONNECTOR_ERROR.matcher(status.getKey());
            if (m.matches()) {
                errorCode(in, m.group(1), status.getValue());
            }
        }
        in.points().forEach((metric, point) -> {
            Matcher m = CONNECTOR_METRIC.matcher(metric);
            if (!m.matches()) {
                return;
            }
            String type = "charger_over_temperature." + m.group(1);
            if (point.value() > in.settings().chargerMaxTemperature()) {
                in.hold(type, Severity.MAJOR, point.ts(), RuleInput.detail().put("connectorId", Integer.parseInt(m.group(1)))
                        .put("temperature", point.value()));
            } else {
                in.clear(type, point.ts());
            }
        });
    }

    private static void errorCode(RuleInput in, String connector, String code) {
        String prefix = "charger_fault." + connector;
        if (code.equals("NoError")) {
            in.clear(prefix, in.dataTime());
            return;
        }
        Severity severity = MAJOR.contains(code) ? Severity.MAJOR : code.equals("WeakSignal") ? Severity.WARNING : Severity.MINOR;
        var detail = RuleInput.detail().put("connectorId", Integer.parseInt(connector)).put("errorCode", code);
        in.events().stream().findFirst().ifPresent(e -> detail.setAll(RuleInput.detail(e)));
        if (in.events().isEmpty()) {
            in.hold(prefix + "." + RuleInput.segment(code), severity, in.dataTime(), detail);
        } else {
            in.raise(prefix + "." + RuleInput.segment(code), severity, in.dataTime(), detail);
        }
    }
}
