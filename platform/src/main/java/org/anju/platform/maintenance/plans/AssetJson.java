package org.anju.platform.maintenance.plans;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.error.ClientError;
import org.anju.platform.Json;

/**
 * Assets in the API: reads a requested asset (a 400 names the field, e.g.
 * {@code assets[3].registrationCode}, and the rule it breaks) and writes a stored one.
 */
public final class AssetJson {

    /** The longest company id, name or contract reference. */
    static final int MAX_TEXT = 120;

    private AssetJson() {
    }

    /** The device an asset request is for, read before its kind is known. */
    public static String deviceId(JsonNode item, String path) {
        String id = item.path("deviceId").asText("");
        if (id.isBlank()) {
            throw field(path + ".deviceId", "is required");
        }
        return id;
    }

    /**
     * Reads an asset of a device of {@code kind} in {@code communityId}.
     *
     * @param path the field path of the request item in messages ({@code assets[0]}, or {@code asset})
     */
    public static Asset read(JsonNode item, String path, String deviceId, String communityId, AssetKind kind) {
        if (item == null || !item.isObject()) {
            throw field(path, "must be a JSON object");
        }
        String modeName = item.path("mode").asText(MaintenanceMode.CALENDAR.wireName());
        MaintenanceMode mode = MaintenanceMode.fromWireName(modeName)
                .orElseThrow(() -> field(path + ".mode", "must be calendar or on_demand, not '" + modeName + "'"));
        if (mode == MaintenanceMode.ON_DEMAND && kind != AssetKind.ELEVATOR) {
            throw field(path + ".mode", "rule mode.on_demand_elevators_only: device '" + deviceId + "' is a "
                    + kind.wireName() + " (on-demand maintenance is for remotely monitored elevators)");
        }
        String code = text(item, path, "registrationCode");
        if (code != null && kind != AssetKind.ELEVATOR) {
            throw field(path + ".registrationCode", "only elevators have a registration code");
        }
        if (code != null && !RegistrationCode.valid(code)) {
            throw field(path + ".registrationCode", "rule registration_code.format: '" + code
                    + "' is not 20 digits of an elevator category (3xxx), region, year and serial");
        }
        LocalDate last = date(item, path, "lastInspectionOn");
        LocalDate next = date(item, path, "nextInspectionOn");
        if (last != null && next != null && !next.isAfter(last)) {
            throw field(path + ".nextInspectionOn", "must be after lastInspectionOn (" + last + ")");
        }
        return new Asset(deviceId, communityId, kind, text(item, path, "maintainerCompanyId"),
                text(item, path, "maintainerCompanyName"), text(item, path, "contractRef"), mode, code, last, next, null);
    }

    /** Writes an asset. */
    public static ObjectNode write(Asset a) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("deviceId", a.deviceId()).put("communityId", a.communityId())
                .put("assetKind", a.kind().wireName()).put("mode", a.mode().wireName());
        json.put("maintainerCompanyId", a.maintainerCompanyId()).put("maintainerCompanyName", a.maintainerCompanyName())
                .put("contractRef", a.contractRef()).put("registrationCode", a.registrationCode());
        json.put("lastInspectionOn", string(a.lastInspectionOn())).put("nextInspectionOn", string(a.nextInspectionOn()));
        return json.put("countersSince", string(a.countersSince()));
    }

    static String string(Object dayOrInstant) {
        return dayOrInstant == null ? null : dayOrInstant.toString();
    }

    static ClientError field(String path, String message) {
        return ClientError.badRequest(path + ": " + message);
    }

    static LocalDate date(JsonNode item, String path, String name) {
        JsonNode v = item.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw field(path + "." + name, "must be a date (YYYY-MM-DD)");
        }
    }

    private static String text(JsonNode item, String path, String name) {
        JsonNode v = item.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_TEXT) {
            throw field(path + "." + name, "must be a text of 1 to " + MAX_TEXT + " characters");
        }
        return v.asText();
    }
}
