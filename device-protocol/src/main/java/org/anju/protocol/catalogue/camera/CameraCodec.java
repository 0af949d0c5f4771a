package org.anju.protocol.catalogue.camera;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.protocol.DeviceType;
import org.anju.protocol.catalogue.Sensitivity;
import org.anju.protocol.catalogue.spi.Decoding;
import org.anju.protocol.catalogue.spi.Fields;
import org.anju.protocol.catalogue.spi.Fields.TextRule;
import org.anju.protocol.catalogue.spi.TypeCodec;
import org.anju.protocol.catalogue.spi.WireNames;

/**
 * The camera payload contract (schema {@code schemas/v1/camera.schema.json}): the GB/T 28181
 * keepalive status, storage and temperature as telemetry; device and video-analytics alarms and,
 * for parking-gate cameras, licence-plate reads as events. A plate is personal: stored as read
 * (visits are paired on it), shown only to the roles that need it.
 * <p>
 * Immutable and thread-safe; the read methods throw {@link org.anju.error.ClientError} 400
 * naming the field when a payload breaks the contract.
 */
public final class CameraCodec {

    static final String PLATE_READ = "plate_read";
    static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    private static final WireNames<KeepaliveStatus> STATUSES = WireNames.exact(KeepaliveStatus.class);
    private static final WireNames<CameraAlarmType> ALARMS = WireNames.lowerSnake(CameraAlarmType.class);
    private static final WireNames<LaneDirection> DIRECTIONS = WireNames.lowerSnake(LaneDirection.class);
    private static final WireNames<PlateColor> COLORS = WireNames.lowerSnake(PlateColor.class);
    private static final TextRule DESCRIPTION = TextRule.length(1, 120);
    private static final TextRule GATE = TextRule.identifier(32);
    // Loose on purpose: the letters after the issuing-authority letter are not checked against
    // each province's allocation, and special plates beyond 挂/学/警/港/澳 are refused.
    private static final TextRule PLATE = TextRule.matching(7, 8,
            "[" + PROVINCES + "][A-Z](?:[A-Z0-9]{5,6}|[A-Z0-9]{4}[挂学警港澳])",
            "a Chinese plate: province character, letter, then 5 letters or digits (the last may be 挂, 学, 警, 港"
                    + " or 澳), or 6 for new-energy vehicles; or null when unreadable");

    /** Returns the contract the catalogue runs: telemetry and every event kind, in documentation order. */
    public TypeCodec typeCodec() {
        return TypeCodec.builder(DeviceType.CAMERA, this::decodeTelemetry)
                .sensitive("plate", Sensitivity.PERSONAL)
                .events(ALARMS.all(), this::decodeAlarm)
                .event(PLATE_READ, this::decodePlateRead)
                .build();
    }

    /** Reads a telemetry payload: the keepalive. */
    public CameraKeepalive readKeepalive(Fields f) {
        return new CameraKeepalive(
                f.requiredEnum("status", STATUSES),
                f.optionalLong("storageUsedBytes", 0, Fields.MAX_EXACT),
                f.optionalLong("storageTotalBytes", 0, Fields.MAX_EXACT),
                f.optionalNumber("temperature", -40, 120));
    }

    /** Reads an alarm event. */
    public CameraAlarm readAlarm(CameraAlarmType type, Fields f) {
        return new CameraAlarm(
                type,
                f.requiredInt("priority", 1, 4),
                f.optionalInt("channel", 1, 255),
                type.isTemperature() ? f.optionalNumber("temperature", -40, 120) : null,
                f.optionalText("description", DESCRIPTION));
    }

    /** Reads a licence-plate read. */
    public PlateRead readPlateRead(Fields f) {
        JsonNode plate = f.raw("plate");
        if (plate == null) {
            throw f.missing("plate", PLATE.description());
        }
        double confidence = f.requiredNumber("confidence", 0, 1);
        if (plate.isNull() && confidence != 0) {
            throw f.invalid("confidence", "0 when plate is null (unreadable)", f.raw("confidence"));
        }
        return new PlateRead(
                plate.isNull() ? null : f.requiredText("plate", PLATE),
                f.requiredEnum("direction", DIRECTIONS),
                f.requiredText("gateId", GATE),
                confidence,
                f.optionalEnum("plateColor", COLORS));
    }

    private void decodeTelemetry(Fields payload, Decoding out) {
        CameraKeepalive k = readKeepalive(payload);
        out.status("keepaliveStatus", STATUSES.wire(k.status()));
        out.point("keepaliveOk", k.status() == KeepaliveStatus.OK);
        out.pointIfPresent("storageUsedBytes", k.storageUsedBytes());
        out.pointIfPresent("storageTotalBytes", k.storageTotalBytes());
        out.pointIfPresent("temperature", k.temperature());
    }

    private void decodeAlarm(String kind, Fields payload, Decoding out) {
        CameraAlarm a = readAlarm(ALARMS.find(kind), payload);
        out.event(kind)
                .put("priority", a.priority())
                .put("channel", a.channel())
                .put("temperature", a.temperature())
                .put("description", a.description());
        out.pointIfPresent("temperature", a.temperature());
    }

    private void decodePlateRead(String kind, Fields payload, Decoding out) {
        PlateRead r = readPlateRead(payload);
        var json = out.event(kind);
        if (r.readable()) {
            json.put("plate", r.plate());
        } else {
            json.putNull("plate");
        }
        json.put("readable", r.readable())
                .put("direction", DIRECTIONS.wire(r.direction()))
                .put("gateId", r.gateId())
                .put("confidence", r.confidence())
                .put("plateColor", r.plateColor() == null ? null : COLORS.wire(r.plateColor()));
    }
}
