package org.anju.protocol.catalogue.elevator;

/**
 * The real-time status of an elevator (GB/T 24476), as its telemetry reports it. Boxed components
 * are optional and null when the device did not send them.
 *
 * @param floor                  the car's floor, negative below ground
 * @param doorZone               whether the car is inside a door (unlocking) zone
 * @param speed                  car speed in m/s
 * @param safetyCircuitClosed    whether the safety circuit is closed (true is healthy)
 * @param machineRoomTemperature machine-room temperature in °C
 * @param trips                  cumulative trips since installation
 * @param doorCycles             cumulative door open/close cycles
 * @param runHours               cumulative running hours
 * @param entrapment             whether the device currently signals a trapped passenger
 */
public record ElevatorStatus(
        ServiceMode serviceMode,
        boolean running,
        Direction direction,
        int floor,
        boolean doorZone,
        boolean doorsClosed,
        Boolean doorsLocked,
        boolean passengerPresent,
        Double speed,
        PowerSource powerSource,
        Boolean safetyCircuitClosed,
        Double machineRoomTemperature,
        Long trips,
        Long doorCycles,
        Double runHours,
        Boolean entrapment) {
}
