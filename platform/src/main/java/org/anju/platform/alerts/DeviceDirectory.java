package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

import org.anju.platform.storage.Sql;

/**
 * Where devices are (community, building, floor, address in words), for alert records;
 * remembered for a few minutes, since devices rarely move. Used by the rules thread only.
 */
final class DeviceDirectory {

    private static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final String SQL = """
            SELECT d.id, d.tenant_id, d.community_id, d.type, d.building_id, b.name AS building, d.floor, d.location,
                   c.name AS community, c.address AS community_address
              FROM devices d JOIN communities c ON c.id = d.community_id LEFT JOIN buildings b ON b.id = d.building_id
             WHERE d.id = ANY (?)""";

    private record Known(DeviceInfo info, Instant until) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** Returns the devices found (unknown ids are left out). */
    Map<String, DeviceInfo> find(Connection c, Collection<String> deviceIds, Instant now) throws SQLException {
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
        for (DeviceInfo info : Sql.query(c, SQL, rs -> {
            StringJoiner address = new StringJoiner(", ");
            for (String part : new String[] {rs.getString("community"), rs.getString("community_address"),
                    rs.getString("building"), floor(Sql.integer(rs, "floor")), rs.getString("location")}) {
                if (part != null && !part.isBlank()) {
                    address.add(part);
                }
            }
            return new DeviceInfo(rs.getString("id"), rs.getString("tenant_id"), rs.getString("community_id"),
                    rs.getString("type"), rs.getString("building_id"), Sql.integer(rs, "floor"), address.toString());
        }, (Object) missing.toArray(String[]::new))) {
            known.put(info.deviceId(), new Known(info, now.plus(REMEMBER)));
            found.put(info.deviceId(), info);
        }
        return found;
    }

    private static String floor(Integer floor) {
        return floor == null ? null : "floor " + floor;
    }
}
