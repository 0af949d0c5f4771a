package org.anju.platform.storage.series;

import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.anju.platform.storage.UnitOfWork;
import org.anju.protocol.DataPoint;
import org.anju.protocol.DeviceEvent;

/**
 * Appends data points to {@code telemetry} and events to {@code device_events} by binary
 * {@code COPY}, in the caller's transaction: ingest's batches and the presence tracker's events.
 * The storage capability owns the time series; nobody else writes them.
 */
public final class SeriesWriter {

    private static final String COPY_TELEMETRY = "COPY telemetry (ts, device_id, metric, value) FROM STDIN (FORMAT BINARY)";
    private static final String COPY_EVENTS = "COPY device_events (ts, device_id, kind, payload) FROM STDIN (FORMAT BINARY)";
    private static final String LAST_EVENT_ID = "SELECT currval(pg_get_serial_sequence('device_events', 'id'))";

    private SeriesWriter() {
    }

    /**
     * Copies the points; nothing when there are none.
     *
     * @param expected how many there are about, to size the buffer
     */
    public static void copyPoints(UnitOfWork.Tx tx, Iterable<DataPoint> points, int expected) throws SQLException {
        BinaryCopy rows = new BinaryCopy(expected);
        for (DataPoint p : points) {
            rows.startRow(4).timestamptz(p.ts()).text(p.deviceId()).text(p.metric()).float8(p.value());
        }
        rows.copyInto(copyApi(tx), COPY_TELEMETRY);
    }

    /**
     * Copies the events in their order, which is the order of their ids.
     *
     * @param expected how many there are about, to size the buffer
     * @return the id of the last one (this session's last from the sequence), 0 when there were none
     */
    public static long copyEvents(UnitOfWork.Tx tx, Iterable<DeviceEvent> events, int expected) throws SQLException {
        BinaryCopy rows = new BinaryCopy(expected);
        for (DeviceEvent event : events) {
            rows.startRow(4).timestamptz(event.ts()).text(event.deviceId()).text(event.kind()).jsonb(event.payloadJson());
        }
        if (rows.rows() == 0) {
            return 0;
        }
        rows.copyInto(copyApi(tx), COPY_EVENTS);
        return tx.one(LAST_EVENT_ID, rs -> rs.getLong(1)).orElseThrow();
    }

    private static CopyManager copyApi(UnitOfWork.Tx tx) throws SQLException {
        return tx.connection().unwrap(PGConnection.class).getCopyAPI();
    }
}
