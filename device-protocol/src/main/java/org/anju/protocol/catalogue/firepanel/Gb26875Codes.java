package org.anju.protocol.catalogue.firepanel;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The system type and component type codes of GB/T 26875.3-2011 (tables of 系统类型 and 部件类型),
 * with the English names Anju adds to normalised events. Codes 128 to 255 are user-defined in the
 * standard and accepted as {@code user_defined}; reserved codes are refused.
 */
public final class Gb26875Codes {

    /** The first user-defined code; the table of each kind ends at 255. */
    public static final int FIRST_USER_DEFINED = 128;
    public static final int LAST_CODE = 255;
    public static final String USER_DEFINED = "user_defined";

    private static final NavigableMap<Integer, String> SYSTEM_TYPES = new TreeMap<>(Map.ofEntries(
            Map.entry(0, "general"),
            Map.entry(1, "fire_alarm_system"),
            Map.entry(10, "fire_linkage_controller"),
            Map.entry(11, "hydrant_system"),
            Map.entry(12, "sprinkler_system"),
            Map.entry(13, "gas_extinguishing_system"),
            Map.entry(14, "water_spray_system_pump_started"),
            Map.entry(15, "water_spray_system_pressure_vessel_started"),
            Map.entry(16, "foam_extinguishing_system"),
            Map.entry(17, "dry_powder_extinguishing_system"),
            Map.entry(18, "smoke_control_system"),
            Map.entry(19, "fire_door_and_shutter_system"),
            Map.entry(20, "fire_elevator"),
            Map.entry(21, "emergency_broadcast"),
            Map.entry(22, "emergency_lighting_and_evacuation_signs"),
            Map.entry(23, "fire_power_supply"),
            Map.entry(24, "fire_telephone")));

    private static final NavigableMap<Integer, String> COMPONENT_TYPES = new TreeMap<>(Map.ofEntries(
            Map.entry(0, "general"),
            Map.entry(1, "fire_alarm_controller"),
            Map.entry(10, "combustible_gas_detector"),
            Map.entry(11, "point_combustible_gas_detector"),
            Map.entry(12, "standalone_combustible_gas_detector"),
            Map.entry(13, "line_combustible_gas_detector"),
            Map.entry(16, "electrical_fire_monitor"),
            Map.entry(17, "residual_current_electrical_fire_detector"),
            Map.entry(18, "temperature_electrical_fire_detector"),
            Map.entry(21, "detection_loop"),
            Map.entry(22, "fire_display_panel"),
            Map.entry(23, "manual_call_point"),
            Map.entry(24, "hydrant_button"),
            Map.entry(25, "fire_detector"),
            Map.entry(30, "heat_detector"),
            Map.entry(31, "point_heat_detector"),
            Map.entry(32, "point_heat_detector_s"),
            Map.entry(33, "point_heat_detector_r"),
            Map.entry(34, "line_heat_detector"),
            Map.entry(35, "line_heat_detector_s"),
            Map.entry(36, "line_heat_detector_r"),
            Map.entry(37, "optical_fiber_heat_detector"),
            Map.entry(40, "smoke_detector"),
            Map.entry(41, "point_ionization_smoke_detector"),
            Map.entry(42, "point_photoelectric_smoke_detector"),
            Map.entry(43, "line_beam_smoke_detector"),
            Map.entry(44, "aspirating_smoke_detector"),
            Map.entry(50, "multi_sensor_detector"),
            Map.entry(51, "smoke_heat_multi_sensor_detector"),
            Map.entry(52, "flame_heat_multi_sensor_detector"),
            Map.entry(53, "flame_smoke_multi_sensor_detector"),
            Map.entry(61, "ultraviolet_flame_detector"),
            Map.entry(62, "infrared_flame_detector"),
            Map.entry(69, "flame_detector"),
            Map.entry(74, "gas_detector"),
            Map.entry(78, "video_fire_detector"),
            Map.entry(79, "acoustic_fire_detector"),
            Map.entry(81, "gas_extinguishing_controller"),
            Map.entry(82, "fire_electrical_control_device"),
            Map.entry(83, "fire_control_room_graphic_display"),
            Map.entry(84, "module"),
            Map.entry(85, "input_module"),
            Map.entry(86, "output_module"),
            Map.entry(87, "input_output_module"),
            Map.entry(88, "repeater_module"),
            Map.entry(91, "fire_pump"),
            Map.entry(92, "fire_water_tank"),
            Map.entry(95, "sprinkler_pump"),
            Map.entry(96, "water_flow_indicator"),
            Map.entry(97, "signal_valve"),
            Map.entry(98, "alarm_valve"),
            Map.entry(99, "pressure_switch"),
            Map.entry(101, "valve_actuator"),
            Map.entry(102, "fire_door"),
            Map.entry(103, "fire_damper"),
            Map.entry(104, "ventilation_air_conditioning"),
            Map.entry(105, "foam_pump"),
            Map.entry(106, "pipe_network_solenoid_valve"),
            Map.entry(111, "smoke_exhaust_fan"),
            Map.entry(113, "smoke_exhaust_fire_damper"),
            Map.entry(114, "normally_closed_air_supply_outlet"),
            Map.entry(115, "smoke_exhaust_outlet"),
            Map.entry(116, "electric_smoke_barrier"),
            Map.entry(117, "fire_shutter_controller"),
            Map.entry(118, "fire_door_monitor"),
            Map.entry(121, "alarm_device")));

    static final String SYSTEM_TYPE_EXPECTATION = "a GB/T 26875.3 system type code (" + ranges(SYSTEM_TYPES) + ")";
    static final String COMPONENT_TYPE_EXPECTATION = "a GB/T 26875.3 component type code (" + ranges(COMPONENT_TYPES) + ")";

    private Gb26875Codes() {
    }

    /** Returns the name of a system type code, or null when the code is reserved or out of range. */
    public static String systemTypeName(int code) {
        return name(SYSTEM_TYPES, code);
    }

    /** Returns the name of a component type code, or null when the code is reserved or out of range. */
    public static String componentTypeName(int code) {
        return name(COMPONENT_TYPES, code);
    }

    /** Returns every named system type code with its name, in code order. */
    public static NavigableMap<Integer, String> systemTypes() {
        return java.util.Collections.unmodifiableNavigableMap(SYSTEM_TYPES);
    }

    /** Returns every named component type code with its name, in code order. */
    public static NavigableMap<Integer, String> componentTypes() {
        return java.util.Collections.unmodifiableNavigableMap(COMPONENT_TYPES);
    }

    private static String name(NavigableMap<Integer, String> table, int code) {
        if (code >= FIRST_USER_DEFINED && code <= LAST_CODE) {
            return USER_DEFINED;
        }
        return table.get(code);
    }

    /** Writes the accepted codes compactly, e.g. {@code 0, 1, 10 to 24, 128 to 255}. */
    private static String ranges(NavigableMap<Integer, String> table) {
        StringBuilder text = new StringBuilder();
        Integer start = null;
        Integer previous = null;
        for (int code : table.keySet()) {
            if (previous != null && code != previous + 1) {
                appendRange(text, start, previous);
                start = null;
            }
            if (start == null) {
                start = code;
            }
            previous = code;
        }
        appendRange(text, start, previous);
        appendRange(text, FIRST_USER_DEFINED, LAST_CODE);
        return text.toString();
    }

    private static void appendRange(StringBuilder text, int from, int to) {
        if (!text.isEmpty()) {
            text.append(", ");
        }
        text.append(from == to ? Integer.toString(from) : from + (to == from + 1 ? ", " : " to ") + to);
    }
}
