package org.anju.simulator.community;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.anju.simulator.Json;
import org.anju.simulator.scenario.Durations;

/**
 * What the community generator makes: how many communities, buildings, floors and households,
 * and how densely they are equipped. Read from {@code ./anju simulate generate} options or a
 * YAML file with the same keys (camelCase); absent keys keep their defaults.
 *
 * @param communityPrefix   the community id; with several communities, {@code prefix-1}, {@code prefix-2}, …
 * @param heartbeatInterval how often smoke detectors send a heartbeat, e.g. {@code 12h}
 * @param vehiclesPerHousehold average residents' vehicles per household (plates for the gate cameras)
 */
public record CommunityPlan(String tenantId, String communityPrefix, String communityName, int communities,
        int buildings, int floors, int householdsPerFloor, int detectorsPerHousehold, int elevatorsPerBuilding,
        int camerasPerBuilding, int gates, int chargers, int lockers, double vehiclesPerHousehold,
        String heartbeatInterval) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,50}");

    /** The defaults: one small community of 3 six-floor buildings. */
    public static CommunityPlan defaults() {
        return new CommunityPlan("acme", "sim-court", "Simulated Court", 1, 3, 6, 4, 1, 1, 1, 2, 4, 2, 0.5, "12h");
    }

    public CommunityPlan {
        check(tenantId != null && SLUG.matcher(tenantId).matches(), "tenantId", tenantId,
                "lower-case letters, digits, _ and -");
        check(communityPrefix != null && SLUG.matcher(communityPrefix).matches(), "communityPrefix", communityPrefix,
                "lower-case letters, digits, _ and - (at most 51)");
        check(communityName != null && !communityName.isBlank(), "communityName", communityName, "a name");
        check(communities >= 1 && communities <= 100, "communities", communities, "1 to 100");
        check(buildings >= 1 && buildings <= 200, "buildings", buildings, "1 to 200");
        check(floors >= 1 && floors <= 100, "floors", floors, "1 to 100");
        check(householdsPerFloor >= 1 && householdsPerFloor <= 20, "householdsPerFloor", householdsPerFloor, "1 to 20");
        check(detectorsPerHousehold >= 0 && detectorsPerHousehold <= 5, "detectorsPerHousehold", detectorsPerHousehold,
                "0 to 5");
        check(elevatorsPerBuilding >= 0 && elevatorsPerBuilding <= 8, "elevatorsPerBuilding", elevatorsPerBuilding,
                "0 to 8");
        check(camerasPerBuilding >= 0 && camerasPerBuilding <= 20, "camerasPerBuilding", camerasPerBuilding, "0 to 20");
        check(gates >= 0 && gates <= 10, "gates", gates, "0 to 10");
        check(chargers >= 0 && chargers <= 500, "chargers", chargers, "0 to 500");
        check(lockers >= 0 && lockers <= 50, "lockers", lockers, "0 to 50");
        check(vehiclesPerHousehold >= 0 && vehiclesPerHousehold <= 3, "vehiclesPerHousehold", vehiclesPerHousehold,
                "0 to 3");
        check(heartbeatInterval != null && Durations.parse(heartbeatInterval).filter(Duration::isPositive).isPresent(),
                "heartbeatInterval", heartbeatInterval, "a duration such as 12h");
    }

    /** Returns how many devices the plan makes. */
    public int deviceCount() {
        int perBuilding = 1 + floors * householdsPerFloor * detectorsPerHousehold + elevatorsPerBuilding
                + camerasPerBuilding;
        return communities * (buildings * perBuilding + gates + chargers + lockers);
    }

    /** Returns the id of community {@code n} (from 1). */
    public String communityId(int n) {
        return communities == 1 ? communityPrefix : communityPrefix + "-" + n;
    }

    /**
     * Reads a plan file: the keys of this record, each optional; unknown keys are refused.
     *
     * @throws IOException naming the file, and the line and key of a mistake
     */
    public static CommunityPlan read(Path file) throws IOException {
        try {
            return Json.YAML.readerForUpdating(new Builder()).<Builder>readValue(file.toFile()).build();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new IOException(file + where + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void check(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("'" + key + "' is " + value + ": expected " + expected);
        }
    }

    /** The mutable form a plan file is read into, starting from the defaults. */
    static final class Builder {
        @JsonProperty String tenantId = defaults().tenantId();
        @JsonProperty String communityPrefix = defaults().communityPrefix();
        @JsonProperty String communityName = defaults().communityName();
        @JsonProperty int communities = defaults().communities();
        @JsonProperty int buildings = defaults().buildings();
        @JsonProperty int floors = defaults().floors();
        @JsonProperty int householdsPerFloor = defaults().householdsPerFloor();
        @JsonProperty int detectorsPerHousehold = defaults().detectorsPerHousehold();
        @JsonProperty int elevatorsPerBuilding = defaults().elevatorsPerBuilding();
        @JsonProperty int camerasPerBuilding = defaults().camerasPerBuilding();
        @JsonProperty int gates = defaults().gates();
        @JsonProperty int chargers = defaults().chargers();
        @JsonProperty int lockers = defaults().lockers();
        @JsonProperty double vehiclesPerHousehold = defaults().vehiclesPerHousehold();
        @JsonProperty String heartbeatInterval = defaults().heartbeatInterval();

        @JsonCreator
        Builder() {
        }

        CommunityPlan build() {
            return new CommunityPlan(tenantId, communityPrefix, communityName, communities, buildings, floors,
                    householdsPerFloor, detectorsPerHousehold, elevatorsPerBuilding, camerasPerBuilding, gates,
                    chargers, lockers, vehiclesPerHousehold, heartbeatInterval);
        }
    }
}
