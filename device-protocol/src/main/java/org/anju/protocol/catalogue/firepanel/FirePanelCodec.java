package org.anju.protocol.catalogue.firepanel;

import java.util.List;
import java.util.stream.Stream;

import org.anju.protocol.DeviceType;
import org.anju.protocol.catalogue.spi.Decoding;
import org.anju.protocol.catalogue.spi.EventJson;
import org.anju.protocol.catalogue.spi.Fields;
import org.anju.protocol.catalogue.spi.Fields.TextRule;
import org.anju.protocol.catalogue.spi.TypeCodec;
import org.anju.protocol.catalogue.spi.WireNames;

/**
 * The building fire panel payload contract (schema {@code schemas/v1/fire_panel.schema.json}), as
 * a user information transmission device (UITD) forwards it after GB/T 26875.3: the UITD running
 * state as telemetry; the panel's signals (each category beginning and ending), operation records
 * and the UITD's own faults as events.
 * <p>
 * Immutable and thread-safe; the read methods throw {@link org.anju.error.ClientError} 400
 * naming the field when a payload breaks the contract.
 */
public final class FirePanelCodec {

    static final String RESTORED_SUFFIX = "_restored";
    static final String OPERATION = "operation";
    static final String UITD_FAULT = "uitd_fault";

    private static final WireNames<SignalCategory> CATEGORIES = WireNames.lowerSnake(SignalCategory.class);
    private static final WireNames<PanelOperation> OPERATIONS = WireNames.lowerSnake(PanelOperation.class);
    private static final WireNames<UitdFaultType> UITD_FAULTS = WireNames.lowerSnake(UitdFaultType.class);
    private static final TextRule LOCATION = TextRule.length(1, 64);
    private static final TextRule OPERATOR = TextRule.length(1, 32);
    private static final TextRule DETAIL = TextRule.length(1, 120);
    private static final List<String> SIGNAL_KINDS = CATEGORIES.all().stream()
            .flatMap(category -> Stream.of(category, category + RESTORED_SUFFIX))
            .toList();

    /** Returns the contract the catalogue runs: telemetry and every event kind, in documentation order. */
    public TypeCodec typeCodec() {
        return TypeCodec.builder(DeviceType.FIRE_PANEL, this::decodeTelemetry)
                .events(SIGNAL_KINDS, this::decodeSignal)
                .event(OPERATION, this::decodeOperation)
                .event(UITD_FAULT, this::decodeUitdFault)
                .event(UITD_FAULT + RESTORED_SUFFIX, this::decodeUitdFault)
                .build();
    }

    /** Reads a telemetry payload: the UITD running state. */
    public UitdStatus readStatus(Fields f) {
        return new UitdStatus(
                f.optionalBoolean("testMode"),
                f.requiredBoolean("fireAlarm"),
                f.requiredBoolean("fault"),
                f.requiredBoolean("mainPowerFault"),
                f.requiredBoolean("backupPowerFault"),
                f.requiredBoolean("linkToCenterFailed"),
                f.requiredBoolean("monitoringLineFault"));
    }

    /** Reads a signal event of a known kind ({@code <category>} or {@code <category>_restored}). */
    public UitdSignal readSignal(String kind, Fields f) {
        boolean restored = kind.endsWith(RESTORED_SUFFIX);
        SignalCategory category = CATEGORIES.find(restored ? kind.substring(0, kind.length() - RESTORED_SUFFIX.length()) : kind);
        Integer componentType = f.optionalCode("componentType", c -> Gb26875Codes.componentTypeName(c) != null,
                Gb26875Codes.COMPONENT_TYPE_EXPECTATION);
        if (componentType == null && f.has("address")) {
            throw f.missing("componentType", "given with address, " + Gb26875Codes.COMPONENT_TYPE_EXPECTATION);
        }
        ComponentAddress address = null;
        if (componentType != null) {
            if (!f.has("address")) {
                throw f.missing("address", "given with componentType, an object with loop and point");
            }
            Fields a = f.requiredObject("address");
            address = new ComponentAddress(a.requiredInt("loop", 0, 255), a.requiredInt("point", 0, 65_535));
        }
        return new UitdSignal(category, restored, systemType(f, true), systemAddress(f), componentType, address,
                f.optionalText("location", LOCATION));
    }

    /** Reads an operation record. */
    public UitdOperation readOperation(Fields f) {
        return new UitdOperation(f.requiredEnum("operation", OPERATIONS), systemType(f, false), systemAddress(f),
                f.optionalText("operatorId", OPERATOR));
    }

    /** Reads a UITD fault event of a known kind. */
    public UitdFault readUitdFault(String kind, Fields f) {
        return new UitdFault(f.requiredEnum("fault", UITD_FAULTS), kind.endsWith(RESTORED_SUFFIX),
                f.optionalText("detail", DETAIL));
    }

    private void decodeTelemetry(Fields payload, Decoding out) {
        UitdStatus s = readStatus(payload);
        out.pointIfPresent("testMode", s.testMode());
        out.point("fireAlarm", s.fireAlarm());
        out.point("fault", s.fault());
        out.point("mainPowerFault", s.mainPowerFault());
        out.point("backupPowerFault", s.backupPowerFault());
        out.point("linkToCenterFailed", s.linkToCenterFailed());
        out.point("monitoringLineFault", s.monitoringLineFault());
    }

    private void decodeSignal(String kind, Fields payload, Decoding out) {
        UitdSignal s = readSignal(kind, payload);
        EventJson json = out.event(kind)
                .put("category", CATEGORIES.wire(s.category()))
                .put("restored", s.restored());
        putSystem(json, s.systemType(), s.systemAddress());
        if (s.componentType() != null) {
            json.put("componentType", s.componentType())
                    .put("componentTypeName", Gb26875Codes.componentTypeName(s.componentType()));
            json.putObject("address").put("loop", s.address().loop()).put("point", s.address().point());
        }
        json.put("location", s.location());
    }

    private void decodeOperation(String kind, Fields payload, Decoding out) {
        UitdOperation o = readOperation(payload);
        EventJson json = out.event(kind).put("operation", OPERATIONS.wire(o.operation()));
        putSystem(json, o.systemType(), o.systemAddress());
        json.put("operatorId", o.operatorId());
    }

    private void decodeUitdFault(String kind, Fields payload, Decoding out) {
        UitdFault f = readUitdFault(kind, payload);
        out.event(kind)
                .put("fault", UITD_FAULTS.wire(f.fault()))
                .put("restored", f.restored())
                .put("detail", f.detail());
    }

    private static Integer systemType(Fields f, boolean required) {
        String expectation = Gb26875Codes.SYSTEM_TYPE_EXPECTATION;
        return required
                ? Integer.valueOf(f.requiredCode("systemType", c -> Gb26875Codes.systemTypeName(c) != null, expectation))
                : f.optionalCode("systemType", c -> Gb26875Codes.systemTypeName(c) != null, expectation);
    }

    private static Integer systemAddress(Fields f) {
        return f.optionalInt("systemAddress", 0, 255);
    }

    private static void putSystem(EventJson json, Integer systemType, Integer systemAddress) {
        if (systemType != null) {
            json.put("systemType", systemType).put("systemTypeName", Gb26875Codes.systemTypeName(systemType));
        }
        json.put("systemAddress", systemAddress);
    }
}
