package org.anju.platform.storage.rollup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One local day of the rollups' day zone, as the instants it starts and ends at (23 or 25 hours
 * apart on daylight-saving changes).
 */
record Day(Instant start, Instant end, ZoneId zone) {

    static Day of(Instant instant, ZoneId zone) {
        ZonedDateTime start = instant.atZone(zone).toLocalDate().atStartOfDay(zone);
        return new Day(start.toInstant(), start.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant(), zone);
    }

    Day next() {
        return of(end, zone);
    }
}
