package org.anju.platform.alerts;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * Where devices are (community, building, floor, address in words), for alert records, as the
 * registry tells; remembered for a few minutes, since devices rarely move. Used by the rules
 * thread only.
 */
final class DeviceDirectory {

    private static final Duration REMEMBER = Duration.ofMinutes(5);

    private record Known(DeviceInfo info, Instant until) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** Returns the devices found (unknown ids are left out). */
    Map<String, DeviceInfo> find(UnitOfWork.Tx tx, Collection<String> deviceIds, Instant now) throws SQLException {
        Map<String, DeviceInfo> found = new HashMap<>();
        List<String> missing = deviceIds.stream().distinct().filter(id -> {
            Known k = known.get(id);
            if (k != null && k.until().isAfter(now)) {
                found.put(id, k.info());
                return false;
            }
            return true;
        }).toList();
        if (missing.isEmpty()) {
            return found;
        }
        for (Devices.Place place : Devices.places(tx, missing).values()) {
            StringJoiner address = new StringJoiner(", ");
            for (String part : new String[] {place.community(), place.communityAddress(), place.building(),
                    floor(place.floor()), place.location()}) {
                if (part != null && !part.isBlank()) {
                    address.add(part);
                }
            }
            DeviceInfo info = new DeviceInfo(place.deviceId(), place.tenantId(), place.communityId(), place.type(),
                    place.buildingId(), place.floor(), address.toString());
            known.put(info.deviceId(), new Known(info, now.plus(REMEMBER)));
            found.put(info.deviceId(), info);
        }
        return found;
    }

    private static String floor(Integer floor) {
        return floor == null ? null : "floor " + floor;
    }
}
