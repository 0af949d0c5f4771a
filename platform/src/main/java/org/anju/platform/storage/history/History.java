package org.anju.platform.storage.history;

import java.time.Instant;
import java.util.List;

/**
 * A device's history of one metric over {@code [from, to)}, oldest first, at the resolution the
 * service chose; never more than {@link DeviceHistory#MAX_POINTS} points.
 */
public record History(String deviceId, String metric, Instant from, Instant to, Resolution resolution,
        List<HistoryPoint> points) {

    public History {
        points = List.copyOf(points);
    }
}
