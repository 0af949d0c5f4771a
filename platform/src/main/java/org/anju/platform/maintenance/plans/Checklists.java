package org.anju.platform.maintenance.plans;

import java.util.List;
import java.util.Map;

/**
 * The checklist item codes per asset kind (docs/maintenance.md "Checklists"): every code is
 * {@code <asset kind>.<item>}, so a checklist item of another kind of asset is refused by name.
 * The elevator items follow the tiers of TSG T5002 (each tier repeats the items of the shorter ones).
 */
public final class Checklists {

    private static final List<String> ELEVATOR_HALF_MONTHLY = List.of("elevator.machine_room", "elevator.brake",
            "elevator.traction_sheave", "elevator.car_door", "elevator.landing_doors", "elevator.door_safety_edge",
            "elevator.emergency_alarm", "elevator.car_lighting", "elevator.pit", "elevator.leveling");
    private static final List<String> ELEVATOR_QUARTERLY = plus(ELEVATOR_HALF_MONTHLY, "elevator.ropes",
            "elevator.buffers", "elevator.governor", "elevator.door_operator");
    private static final List<String> ELEVATOR_HALF_YEARLY = plus(ELEVATOR_QUARTERLY, "elevator.guide_rails",
            "elevator.safety_gear_linkage", "elevator.control_cabinet");
    private static final List<String> ELEVATOR_ANNUAL = plus(ELEVATOR_HALF_YEARLY, "elevator.safety_gear_test",
            "elevator.overspeed_test", "elevator.load_test", "elevator.insulation");

    private static final Map<PlanKind, List<String>> DEFAULTS = Map.ofEntries(
            Map.entry(PlanKind.ELEVATOR_HALF_MONTHLY, ELEVATOR_HALF_MONTHLY),
            Map.entry(PlanKind.ELEVATOR_QUARTERLY, ELEVATOR_QUARTERLY),
            Map.entry(PlanKind.ELEVATOR_HALF_YEARLY, ELEVATOR_HALF_YEARLY),
            Map.entry(PlanKind.ELEVATOR_ANNUAL, ELEVATOR_ANNUAL),
            Map.entry(PlanKind.ELEVATOR_INSPECTION_APPLICATION, List.of("elevator.inspection_application")),
            Map.entry(PlanKind.UITD_TRANSMISSION_TEST, List.of("fire_panel.alarm_transmission",
                    "fire_panel.fault_transmission", "fire_panel.center_link")),
            Map.entry(PlanKind.UITD_SELF_TEST, List.of("fire_panel.self_test")),
            Map.entry(PlanKind.DETECTOR_TEST, List.of("smoke_detector.smoke_test", "smoke_detector.alarm_sound",
                    "smoke_detector.chamber_clean")),
            Map.entry(PlanKind.DETECTOR_BATTERY, List.of("smoke_detector.battery_replace",
                    "smoke_detector.smoke_test")),
            Map.entry(PlanKind.CHARGER_INSPECTION, List.of("ev_charger.connectors", "ev_charger.cables",
                    "ev_charger.earthing", "ev_charger.rcd_test", "ev_charger.meter")),
            Map.entry(PlanKind.LOCKER_INSPECTION, List.of("parcel_locker.doors", "parcel_locker.locks",
                    "parcel_locker.screen", "parcel_locker.power")),
            Map.entry(PlanKind.CAMERA_INSPECTION, List.of("camera.lens", "camera.disk", "camera.clock",
                    "camera.mounting")));

    private Checklists() {
    }

    /** Returns the default checklist of a plan kind. */
    public static List<String> defaults(PlanKind kind) {
        return DEFAULTS.get(kind);
    }

    /** Returns whether {@code code} is a checklist item of assets of {@code kind}. */
    public static boolean belongsTo(String code, AssetKind kind) {
        return DEFAULTS.entrySet().stream().filter(e -> e.getKey().assetKind() == kind)
                .anyMatch(e -> e.getValue().contains(code));
    }

    private static List<String> plus(List<String> items, String... more) {
        return java.util.stream.Stream.concat(items.stream(), java.util.Arrays.stream(more)).toList();
    }
}
