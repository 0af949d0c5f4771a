package org.anju.platform.alerts.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.anju.protocol.DataPoint;

/**
 * Elevators (GB/T 24476): faults by code, the device's own entrapment signal, the platform's
 * entrapment rule (stopped with doors closed and a passenger inside: at once outside the door zone,
 * after {@code entrapmentAfter} when levelled; or the alarm button with a passenger), power loss
 * and service modes. {@code back_to_normal} clears faults and abnormal modes.
 * <p>
 * The levelled timer runs on the device's own report times: it is decided at the first report
 * after the threshold (elevators report every few seconds while a passenger is in the car).
 */
final class ElevatorRules implements TypeRules {

    /** Faults that mean the car moved or may move unsafely. */
    private static final Set<String> DANGEROUS = Set.of("01", "05", "08", "09", "10", "11", "12");
    private static final Map<String, Severity> MODES = Map.of(
            "out_of_service", Severity.WARNING,
            "earthquake", Severity.MAJOR,
            "power_lost", Severity.MAJOR);

    /** When each levelled, closed, occupied, standing car was first seen so; per device. */
    private final Map<String, Instant> standingSince = new ConcurrentHashMap<>();

    @Override
    public void evaluate(RuleInput in) {
        for (RuleInput.Event e : in.events()) {
            switch (e.kind()) {
                case "fault" -> {
                    String code = e.json().path("code").asText("99");
                    Severity severity = DANGEROUS.contains(code) ? Severity.CRITICAL
                            : code.equals("99") ? Severity.MINOR : Severity.MAJOR;
                    in.raise("elevator_fault." + code, severity, e.ts(), RuleInput.detail(e));
                }
                case "entrapment" -> in.raise("entrapment", Severity.CRITICAL, e.ts(), RuleInput.detail(e));
                case "alarm_button" -> {
                    if (e.json().path("passengerPresent").asBoolean(false)) {
                        in.raise("entrapment", Severity.CRITICAL, e.ts(),
                                RuleInput.detail(e).put("rule", "alarm button with a passenger present"));
                    } else {
                        in.raise("elevator_alarm_button", Severity.MINOR, e.ts(), RuleInput.detail(e));
                    }
                }
                case "back_to_normal" -> {
                    for (String type : new String[] {"elevator_fault", "elevator_alarm_button", "elevator_out_of_service",
                            "elevator_earthquake", "elevator_power_lost"}) {
                        in.clear(type, e.ts());
                    }
                }
                default -> {
                    Severity mode = MODES.get(e.kind());
                    if (mode != null) {
                        in.raise("elevator_" + e.kind(), mode, e.ts(), RuleInput.detail(e));
                    }
                }
            }
        }
        entrapmentFromState(in);
    }

    private void entrapmentFromState(RuleInput in) {
        DataPoint signalled = in.point("entrapment");
        if (signalled != null && signalled.value() != 0) {
            in.hold("entrapment", Severity.CRITICAL, signalled.ts(), RuleInput.detail().put("rule", "device signals entrapment"));
            return;
        }
        DataPoint running = in.point("running");
        DataPoint closed = in.point("doorsClosed");
        DataPoint passenger = in.point("passengerPresent");
        DataPoint doorZone = in.point("doorZone");
        if (running == null || closed == null || passenger == null || doorZone == null) {
            return; // not a status report
        }
        Instant at = passenger.ts();
        boolean standingClosedOccupied = running.value() == 0 && closed.value() != 0 && passenger.value() != 0;
        if (!standingClosedOccupied) {
            // the car moves again, its doors opened or nobody is inside: nobody is trapped
            standingSince.remove(in.deviceId());
            in.clear("entrapment", at);
            return;
        }
        if (doorZone.value() == 0) {
            in.hold("entrapment", Severity.CRITICAL, at, RuleInput.detail().put("rule", "stopped outside the door zone"));
            return;
        }
        Instant since = standingSince.merge(in.deviceId(), at, (a, b) -> a.isBefore(b) ? a : b);
        Duration standing = Duration.between(since, at);
        if (standing.compareTo(in.settings().entrapmentAfter()) >= 0) {
            in.hold("entrapment", Severity.CRITICAL, at, RuleInput.detail()
                    .put("rule", "levelled, doors closed, passenger present").put("standingSeconds", standing.toSeconds()));
        }
    }
}
