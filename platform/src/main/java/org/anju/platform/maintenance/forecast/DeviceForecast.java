package org.anju.platform.maintenance.forecast;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;

/**
 * A forecast for one series of one device.
 *
 * @param deviceId the device
 * @param subject  what it is about
 * @param metric   the metric it was made from ({@code door_faults} for weekly fault counts)
 * @param forecast the forecast and its evidence; its outcome is {@code DUE} or {@code BEYOND_HORIZON}
 */
public record DeviceForecast(String deviceId, Subject subject, String metric, Forecast forecast) {

    /** The metric name of weekly door-fault counts, which come from events, not telemetry. */
    public static final String DOOR_FAULTS_METRIC = "door_faults";

    /** Returns the forecast as the JSON the notification and the API carry: the expected days and the evidence. */
    public ObjectNode json() {
        Trend t = forecast.trend();
        ObjectNode o = JsonNodeFactory.instance.objectNode()
                .put("deviceId", deviceId)
                .put("subject", subject.wireName())
                .put("metric", metric)
                .put("outcome", forecast.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .put("expectedOn", forecast.expected().toString())
                .put("earliestOn", forecast.earliest().toString())
                .put("latestOn", forecast.latest().toString())
                .put("dueInDays", forecast.dueInDays());
        o.putObject("evidence")
                .put("points", t.points())
                .put("firstDay", LocalDate.ofEpochDay((long) t.firstX()).toString())
                .put("lastDay", LocalDate.ofEpochDay((long) t.lastX()).toString())
                .put("slopePerDay", t.slope())
                .put("slopeLow", t.slopeLow())
                .put("slopeHigh", t.slopeHigh())
                .put("level", t.levelAtLast())
                .put("limit", forecast.limit().value())
                .put("rising", forecast.limit().rising())
                .put("confidence", t.confidence());
        return o;
    }
}
