package org.anju.platform.alerts.rules;

import java.util.Map;

/**
 * Parcel lockers: a compartment's door fault (event, or {@code fault} state in the report) until
 * the compartment reports another state; an overdue parcel until it is picked up.
 */
final class LockerRules implements TypeRules {

    private static final String COMPARTMENT = "compartment.";

    @Override
    public void evaluate(RuleInput in) {
        for (RuleInput.Event e : in.events()) {
            String compartment = RuleInput.segment(e.json().path("compartment").asText("unknown"));
            switch (e.kind()) {
                case "door_fault" -> in.raise("locker_door_fault." + compartment, Severity.MINOR, e.ts(), RuleInput.detail(e));
                case "overdue" -> in.raise("parcel_overdue." + compartment, Severity.INFO, e.ts(), RuleInput.detail(e));
                case "pickup" -> in.clear("parcel_overdue." + compartment, e.ts());
                default -> {
                    // deposit: the door worked; the state below clears a fault
                }
            }
        }
        if (!in.events().isEmpty() && in.events().getFirst().kind().equals("door_fault")) {
            return; // the event set the compartment's state to fault: nothing more to conclude
        }
        for (Map.Entry<String, String> s : in.status().entrySet()) {
            if (!s.getKey().startsWith(COMPARTMENT)) {
                continue;
            }
            String compartment = s.getKey().substring(COMPARTMENT.length());
            String type = "locker_door_fault." + RuleInput.segment(compartment);
            if (s.getValue().equals("fault")) {
                in.hold(type, Severity.MINOR, in.dataTime(), RuleInput.detail().put("compartment", compartment));
            } else {
                in.clear(type, in.dataTime());
            }
        }
    }
}
