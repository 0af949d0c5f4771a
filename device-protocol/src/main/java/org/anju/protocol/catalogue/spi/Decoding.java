package org.anju.protocol.catalogue.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;

/**
 * What decoding one message yields, collected while a {@link TypeCodec} reads the payload: data
 * points, events and latest-state entries, all at the message's time.
 * <p>
 * Confined to one message and one thread.
 */
public final class Decoding {

    private final String deviceId;
    private final Instant ts;
    private final int version;
    private final List<DataPoint> points = new ArrayList<>();
    private final List<String> eventKinds = new ArrayList<>(1);
    private final List<EventJson> eventBodies = new ArrayList<>(1);
    private final Map<String, String> status = new HashMap<>();
    private final Sealing sealing;

    /** Starts decoding a message of a type without sensitive fields. */
    public Decoding(String deviceId, Instant ts, int version) {
        this(deviceId, ts, version, Sealing.NONE);
    }

    /** Starts decoding a message whose events seal the type's sensitive fields with {@code sealing}. */
    public Decoding(String deviceId, Instant ts, int version, Sealing sealing) {
        this.deviceId = deviceId;
        this.ts = ts;
        this.version = version;
        this.sealing = sealing;
    }

    /** Returns the time the message is about: the device's {@code ts}, else the receive time. */
    public Instant ts() {
        return ts;
    }

    /** Returns the schema version the payload declared. */
    public int version() {
        return version;
    }

    /** Adds a data point. */
    public void point(String metric, double value) {
        points.add(new DataPoint(ts, deviceId, metric, value));
    }

    /** Adds a data point of 1 for true and 0 for false. */
    public void point(String metric, boolean value) {
        point(metric, value ? 1.0 : 0.0);
    }

    /** Adds a data point when the value is present (not null). */
    public void pointIfPresent(String metric, Number value) {
        if (value != null) {
            point(metric, value.doubleValue());
        }
    }

    /** Adds a 1/0 data point when the value is present (not null). */
    public void pointIfPresent(String metric, Boolean value) {
        if (value != null) {
            point(metric, value.booleanValue());
        }
    }

    /** Sets a latest-state entry. */
    public void status(String key, String value) {
        status.put(key, value);
    }

    /** Sets a latest-state entry when the value is present (not null). */
    public void statusIfPresent(String key, String value) {
        if (value != null) {
            status(key, value);
        }
    }

    /**
     * Adds an event and returns its normalised JSON, already holding {@code kind}, {@code ts}
     * (ISO-8601, UTC) and {@code v}, for the codec to fill; the values of sealed fields are sealed
     * as they are put.
     */
    public EventJson event(String kind) {
        EventJson body = EventJson.create(sealing).put("kind", kind).put("ts", ts.toString()).put("v", version);
        eventKinds.add(kind);
        eventBodies.add(body);
        return body;
    }

    /** Returns the data points added so far. */
    public List<DataPoint> points() {
        return points;
    }

    /** Returns the events with their JSON as filled so far. */
    public List<DeviceEvent> events() {
        List<DeviceEvent> events = new ArrayList<>(eventKinds.size());
        for (int i = 0; i < eventKinds.size(); i++) {
            events.add(new DeviceEvent(ts, deviceId, eventKinds.get(i), eventBodies.get(i).toString()));
        }
        return events;
    }

    /** Returns the latest-state entries set so far. */
    public Map<String, String> status() {
        return status;
    }
}
