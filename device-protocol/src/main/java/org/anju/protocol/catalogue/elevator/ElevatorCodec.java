package org.anju.protocol.catalogue.elevator;

import org.anju.protocol.DeviceType;
import org.anju.protocol.catalogue.spi.Decoding;
import org.anju.protocol.catalogue.spi.Fields;
import org.anju.protocol.catalogue.spi.Fields.TextRule;
import org.anju.protocol.catalogue.spi.TypeCodec;
import org.anju.protocol.catalogue.spi.WireNames;

/**
 * The elevator payload contract (schema {@code schemas/v1/elevator.schema.json}): GB/T 24476
 * real-time status and cumulative counters as telemetry; faults, entrapment, the alarm button,
 * power loss and service-mode changes as events.
 * <p>
 * Immutable and thread-safe; the read methods throw {@link org.anju.error.ClientError} 400
 * naming the field when a payload breaks the contract.
 */
public final class ElevatorCodec {

    static final int MIN_FLOOR = -10;
    static final int MAX_FLOOR = 200;
    static final double MAX_SPEED = 25;
    static final int MAX_TRAPPED_SECONDS = 86_400;

    private static final WireNames<ServiceMode> MODES = WireNames.lowerSnake(ServiceMode.class);
    private static final WireNames<Direction> DIRECTIONS = WireNames.lowerSnake(Direction.class);
    private static final WireNames<PowerSource> POWER_SOURCES = WireNames.lowerSnake(PowerSource.class);
    private static final WireNames<ElevatorFault> FAULT_CODES = WireNames.of(ElevatorFault.class, ElevatorFault::code);
    private static final WireNames<ElevatorFault> FAULT_NAMES = WireNames.lowerSnake(ElevatorFault.class);
    private static final WireNames<ElevatorEventKind> KINDS = WireNames.lowerSnake(ElevatorEventKind.class);
    private static final TextRule DETAIL = TextRule.length(1, 120);

    /** Returns the contract the catalogue runs: telemetry and every event kind, in documentation order. */
    public TypeCodec typeCodec() {
        return TypeCodec.builder(DeviceType.ELEVATOR, this::decodeTelemetry)
                .events(KINDS.all(), this::decodeEvent)
                .build();
    }

    /** Reads a telemetry payload into a status. */
    public ElevatorStatus readStatus(Fields f) {
        return new ElevatorStatus(
                f.requiredEnum("serviceMode", MODES),
                f.requiredBoolean("running"),
                f.requiredEnum("direction", DIRECTIONS),
                f.requiredInt("floor", MIN_FLOOR, MAX_FLOOR),
                f.requiredBoolean("doorZone"),
                f.requiredBoolean("doorsClosed"),
                f.optionalBoolean("doorsLocked"),
                f.requiredBoolean("passengerPresent"),
                f.optionalNumber("speed", 0, MAX_SPEED),
                f.optionalEnum("powerSource", POWER_SOURCES),
                f.optionalBoolean("safetyCircuitClosed"),
                f.optionalNumber("machineRoomTemperature", -40, 100),
                f.optionalLong("trips", 0, Fields.MAX_EXACT),
                f.optionalLong("doorCycles", 0, Fields.MAX_EXACT),
                f.optionalNumber("runHours", 0, Fields.MAX_EXACT),
                f.optionalBoolean("entrapment"));
    }

    /** Reads an event payload of a known kind. */
    public ElevatorEvent readEvent(ElevatorEventKind kind, Fields f) {
        return new ElevatorEvent(
                kind,
                f.optionalInt("floor", MIN_FLOOR, MAX_FLOOR),
                kind == ElevatorEventKind.FAULT ? f.requiredEnum("code", FAULT_CODES) : null,
                kind == ElevatorEventKind.FAULT ? f.optionalText("detail", DETAIL) : null,
                kind == ElevatorEventKind.ENTRAPMENT ? f.optionalBoolean("doorZone") : null,
                kind == ElevatorEventKind.ALARM_BUTTON ? f.optionalBoolean("passengerPresent") : null,
                kind == ElevatorEventKind.ENTRAPMENT ? f.optionalInt("trappedSeconds", 0, MAX_TRAPPED_SECONDS) : null);
    }

    private void decodeTelemetry(Fields payload, Decoding out) {
        ElevatorStatus s = readStatus(payload);
        out.status("serviceMode", MODES.wire(s.serviceMode()));
        out.status("direction", DIRECTIONS.wire(s.direction()));
        if (s.powerSource() != null) {
            out.status("powerSource", POWER_SOURCES.wire(s.powerSource()));
        }
        out.point("floor", s.floor());
        out.point("running", s.running());
        out.point("doorZone", s.doorZone());
        out.point("doorsClosed", s.doorsClosed());
        out.pointIfPresent("doorsLocked", s.doorsLocked());
        out.point("passengerPresent", s.passengerPresent());
        out.pointIfPresent("speed", s.speed());
        out.pointIfPresent("safetyCircuitClosed", s.safetyCircuitClosed());
        out.pointIfPresent("machineRoomTemperature", s.machineRoomTemperature());
        out.pointIfPresent("trips", s.trips());
        out.pointIfPresent("doorCycles", s.doorCycles());
        out.pointIfPresent("runHours", s.runHours());
        out.pointIfPresent("entrapment", s.entrapment());
    }

    private void decodeEvent(String kind, Fields payload, Decoding out) {
        ElevatorEvent e = readEvent(KINDS.find(kind), payload);
        var json = out.event(kind).put("floor", e.floor());
        if (e.fault() != null) {
            json.put("code", e.fault().code()).put("name", FAULT_NAMES.wire(e.fault())).put("detail", e.detail());
        }
        json.put("doorZone", e.doorZone())
                .put("trappedSeconds", e.trappedSeconds())
                .put("passengerPresent", e.passengerPresent());
        ServiceMode mode = e.kind().entersMode();
        if (mode != null) {
            json.put("serviceMode", MODES.wire(mode));
            out.status("serviceMode", MODES.wire(mode));
        }
    }
}
