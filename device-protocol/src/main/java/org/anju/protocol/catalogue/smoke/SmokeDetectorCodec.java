package org.anju.protocol.catalogue.smoke;

import org.anju.protocol.DeviceType;
import org.anju.protocol.catalogue.spi.Decoding;
import org.anju.protocol.catalogue.spi.EventJson;
import org.anju.protocol.catalogue.spi.Fields;
import org.anju.protocol.catalogue.spi.Fields.TextRule;
import org.anju.protocol.catalogue.spi.TypeCodec;
import org.anju.protocol.catalogue.spi.WireNames;

/**
 * The standalone smoke alarm payload contract (schema {@code schemas/v1/smoke_detector.schema.json},
 * after GB 20517): battery, smoke concentration, temperature and signal as telemetry; alarm,
 * silence, test, battery, fault, tamper, installation, heartbeat and end-of-life events, each of
 * which may carry the same readings.
 * <p>
 * Immutable and thread-safe; the read methods throw {@link org.anju.error.ClientError} 400
 * naming the field when a payload breaks the contract.
 */
public final class SmokeDetectorCodec {

    private static final WireNames<SmokeEventKind> KINDS = WireNames.lowerSnake(SmokeEventKind.class);
    private static final WireNames<TestResult> RESULTS = WireNames.lowerSnake(TestResult.class);
    private static final TextRule DETAIL = TextRule.length(1, 120);
    private static final TextRule FIRMWARE = TextRule.length(1, 32);

    /** Returns the contract the catalogue runs: telemetry and every event kind, in documentation order. */
    public TypeCodec typeCodec() {
        return TypeCodec.builder(DeviceType.SMOKE_DETECTOR, this::decodeTelemetry)
                .events(KINDS.all(), this::decodeEvent)
                .build();
    }

    /** Reads readings; {@code batteryRequired} says whether {@code battery} must be present. */
    public SmokeReadings readReadings(Fields f, boolean batteryRequired) {
        return new SmokeReadings(
                batteryRequired ? Double.valueOf(f.requiredNumber("battery", 0, 100)) : f.optionalNumber("battery", 0, 100),
                f.optionalNumber("smokeConcentration", 0, 100),
                f.optionalNumber("temperature", -40, 125),
                f.optionalInt("signal", -140, 0));
    }

    /** Reads an event payload of a known kind. */
    public SmokeEvent readEvent(SmokeEventKind kind, Fields f) {
        boolean batteryRequired = kind == SmokeEventKind.LOW_BATTERY || kind == SmokeEventKind.HEARTBEAT;
        return new SmokeEvent(
                kind,
                readReadings(f, batteryRequired),
                kind == SmokeEventKind.SILENCED ? f.optionalInt("silencedSeconds", 1, 3600) : null,
                kind == SmokeEventKind.TEST ? f.optionalEnum("result", RESULTS) : null,
                kind == SmokeEventKind.FAULT ? f.optionalText("detail", DETAIL) : null,
                kind == SmokeEventKind.INSTALLED ? f.optionalText("firmware", FIRMWARE) : null);
    }

    private void decodeTelemetry(Fields payload, Decoding out) {
        emit(readReadings(payload, true), out, null);
    }

    private void decodeEvent(String kind, Fields payload, Decoding out) {
        SmokeEvent e = readEvent(KINDS.find(kind), payload);
        EventJson json = out.event(kind)
                .put("silencedSeconds", e.silencedSeconds())
                .put("result", e.result() == null ? null : RESULTS.wire(e.result()))
                .put("detail", e.detail())
                .put("firmware", e.firmware());
        emit(e.readings(), out, json);
    }

    private static void emit(SmokeReadings r, Decoding out, EventJson json) {
        out.pointIfPresent("battery", r.battery());
        out.pointIfPresent("smokeConcentration", r.smokeConcentration());
        out.pointIfPresent("temperature", r.temperature());
        out.pointIfPresent("signal", r.signal());
        if (json != null) {
            json.put("battery", r.battery())
                    .put("smokeConcentration", r.smokeConcentration())
                    .put("temperature", r.temperature())
                    .put("signal", r.signal());
        }
    }
}
