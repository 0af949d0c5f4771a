package org.anju.protocol.catalogue.locker;

import java.util.ArrayList;
import java.util.List;

import org.anju.protocol.DeviceType;
import org.anju.protocol.catalogue.Sensitivity;
import org.anju.protocol.catalogue.spi.Decoding;
import org.anju.protocol.catalogue.spi.Fields;
import org.anju.protocol.catalogue.spi.Fields.TextRule;
import org.anju.protocol.catalogue.spi.TypeCodec;
import org.anju.protocol.catalogue.spi.WireNames;

/**
 * The smart parcel locker payload contract (schema {@code schemas/v1/parcel_locker.schema.json}):
 * the compartments with size and state as telemetry; deposit, pickup, overdue and door-fault
 * events. The pickup code is the recipient's secret (stored sealed); the recipient's phone is
 * kept only as a keyed hash, to find the household it belongs to; the waybill number is personal.
 * <p>
 * Immutable and thread-safe; the read methods throw {@link org.anju.error.ClientError} 400
 * naming the field when a payload breaks the contract.
 */
public final class ParcelLockerCodec {

    static final int MAX_COMPARTMENTS = 512;
    static final String STATUS_PREFIX = "compartment.";

    private static final WireNames<CompartmentSize> SIZES = WireNames.exact(CompartmentSize.class);
    private static final WireNames<CompartmentState> STATES = WireNames.lowerSnake(CompartmentState.class);
    private static final WireNames<LockerEventKind> KINDS = WireNames.lowerSnake(LockerEventKind.class);
    private static final String[] STATE_METRICS = {
        "compartments.empty", "compartments.occupied", "compartments.doorOpen", "compartments.fault"};
    private static final String[] AVAILABLE_METRICS = {"available.S", "available.M", "available.L", "available.XL"};
    private static final TextRule COMPARTMENT_ID = TextRule.identifier(16);
    private static final TextRule PICKUP_CODE = TextRule.matching(4, 12, "[0-9A-Za-z]+", "4 to 12 letters or digits");
    private static final TextRule COURIER = TextRule.length(1, 64);
    private static final TextRule TRACKING_NUMBER = TextRule.identifier(40);
    private static final TextRule MOBILE = TextRule.matching(11, 11, "1[3-9][0-9]{9}",
            "a mainland mobile number (11 digits starting 13 to 19)");
    private static final TextRule DETAIL = TextRule.length(1, 120);

    /** Returns the contract the catalogue runs: telemetry and every event kind, in documentation order. */
    public TypeCodec typeCodec() {
        return TypeCodec.builder(DeviceType.PARCEL_LOCKER, this::decodeTelemetry)
                .sensitive("pickupCode", Sensitivity.SECRET)
                .sensitive("trackingNumber", Sensitivity.PERSONAL)
                .sensitive("recipientPhone", Sensitivity.MATCH_ONLY)
                .events(KINDS.all(), this::decodeEvent)
                .build();
    }

    /** Reads a telemetry payload: every compartment. */
    public LockerStatus readStatus(Fields f) {
        List<Fields> items = f.requiredObjects("compartments", 1, MAX_COMPARTMENTS);
        List<Compartment> compartments = new ArrayList<>(items.size());
        for (Fields item : items) {
            compartments.add(new Compartment(
                    item.requiredText("id", COMPARTMENT_ID),
                    item.requiredEnum("size", SIZES),
                    item.requiredEnum("state", STATES)));
        }
        return new LockerStatus(compartments);
    }

    /** Reads an event payload of a known kind. */
    public LockerEvent readEvent(LockerEventKind kind, Fields f) {
        boolean deposit = kind == LockerEventKind.DEPOSIT;
        return new LockerEvent(
                kind,
                f.requiredText("compartment", COMPARTMENT_ID),
                deposit || kind == LockerEventKind.PICKUP ? f.requiredText("pickupCode", PICKUP_CODE) : null,
                deposit ? f.requiredText("courier", COURIER) : null,
                deposit ? f.optionalText("trackingNumber", TRACKING_NUMBER) : null,
                deposit ? f.optionalText("recipientPhone", MOBILE) : null,
                kind == LockerEventKind.OVERDUE ? f.optionalNumber("storedHours", 0, 8_760) : null,
                kind == LockerEventKind.DOOR_FAULT ? f.optionalText("detail", DETAIL) : null);
    }

    private void decodeTelemetry(Fields payload, Decoding out) {
        LockerStatus s = readStatus(payload);
        int[] byState = new int[STATE_METRICS.length];
        int[] availableBySize = new int[AVAILABLE_METRICS.length];
        for (Compartment c : s.compartments()) {
            byState[c.state().ordinal()]++;
            if (c.state() == CompartmentState.EMPTY) {
                availableBySize[c.size().ordinal()]++;
            }
            out.status(STATUS_PREFIX + c.id(), STATES.wire(c.state()));
        }
        out.point("compartments.total", s.compartments().size());
        for (int i = 0; i < STATE_METRICS.length; i++) {
            out.point(STATE_METRICS[i], byState[i]);
        }
        for (int i = 0; i < AVAILABLE_METRICS.length; i++) {
            out.point(AVAILABLE_METRICS[i], availableBySize[i]);
        }
    }

    private void decodeEvent(String kind, Fields payload, Decoding out) {
        LockerEvent e = readEvent(KINDS.find(kind), payload);
        out.event(kind)
                .put("compartment", e.compartment())
                .put("pickupCode", e.pickupCode())
                .put("courier", e.courier())
                .put("trackingNumber", e.trackingNumber())
                .put("recipientPhone", e.recipientPhone())
                .put("storedHours", e.storedHours())
                .put("detail", e.detail());
        CompartmentState after = switch (e.kind()) {
            case DEPOSIT -> CompartmentState.OCCUPIED;
            case PICKUP -> CompartmentState.EMPTY;
            case DOOR_FAULT -> CompartmentState.FAULT;
            case OVERDUE -> null;
        };
        if (after != null) {
            out.status(STATUS_PREFIX + e.compartment(), STATES.wire(after));
        }
    }
}
