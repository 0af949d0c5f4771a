package org.anju.platform.maintenance.work;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.error.ClientError;

/**
 * The checklists of work orders. An item code starts with the asset kind it is for (the device
 * type) and a dot, {@code elevator.doors}; an order whose due work names no checklist gets the
 * corrective checklist of its asset kind. Pure.
 */
final class Checklists {

    private static final Map<String, List<String>> CORRECTIVE = Map.of(
            "elevator", List.of("elevator.fault_cleared", "elevator.doors", "elevator.brake",
                    "elevator.safety_circuit", "elevator.alarm_intercom", "elevator.test_run"),
            "ev_charger", List.of("ev_charger.fault_cleared", "ev_charger.connectors", "ev_charger.insulation",
                    "ev_charger.test_session"),
            "parcel_locker", List.of("parcel_locker.fault_cleared", "parcel_locker.doors_and_locks",
                    "parcel_locker.test_open"),
            "camera", List.of("camera.fault_cleared", "camera.image", "camera.storage", "camera.housing"),
            "smoke_detector", List.of("smoke_detector.fault_cleared", "smoke_detector.chamber",
                    "smoke_detector.battery", "smoke_detector.test_alarm"),
            "fire_panel", List.of("fire_panel.fault_cleared", "fire_panel.power", "fire_panel.bus",
                    "fire_panel.transmission_test"));

    private static final List<String> GENERIC = List.of("fault_cleared", "test_run");

    private Checklists() {
    }

    /** Returns the checklist of an order on a device of this type: the due work's, or the corrective one. */
    static List<String> forOrder(String deviceType, List<String> dueChecklist) {
        if (!dueChecklist.isEmpty()) {
            return dueChecklist;
        }
        List<String> corrective = CORRECTIVE.get(deviceType);
        return corrective != null ? corrective : GENERIC.stream().map(i -> deviceType + "." + i).toList();
    }

    /**
     * Requires that the item is on the order's checklist.
     *
     * @throws ClientError 400 naming the item: for another asset kind, or not on the checklist
     */
    static void requireItem(String deviceType, List<String> checklist, String item) {
        int dot = item.indexOf('.');
        String kind = dot < 0 ? "" : item.substring(0, dot);
        if (!kind.equals(deviceType)) {
            throw ClientError.badRequest("checklist item '" + item + "' is for "
                    + (kind.isEmpty() ? "no asset kind" : kind) + ", not for a " + deviceType);
        }
        if (!checklist.contains(item)) {
            throw ClientError.badRequest("checklist item '" + item + "' is not on this order's checklist " + checklist);
        }
    }

    /** Returns the items of the checklist that have no answer yet, in checklist order. */
    static List<String> unanswered(List<String> checklist, Set<String> answered) {
        return checklist.stream().filter(item -> !answered.contains(item)).toList();
    }
}
