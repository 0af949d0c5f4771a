package org.anju.protocol.catalogue;

import java.util.List;
import java.util.Map;

import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;

/**
 * What one device message means once decoded against the device catalogue.
 *
 * @param points the numeric measurements, as rows of the narrow time series
 * @param events what happened: one per event message, none for telemetry
 * @param status latest textual or enumerated state (e.g. {@code serviceMode=normal}) to keep per
 *               device, replacing earlier values of the same keys
 */
public record DecodedMessage(List<DataPoint> points, List<DeviceEvent> events, Map<String, String> status) {

    public DecodedMessage {
        points = List.copyOf(points);
        events = List.copyOf(events);
        status = Map.copyOf(status);
    }
}
