package org.anju.platform.ingest;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import org.anju.error.ClientError;
import org.anju.gateway.Downstream;
import org.anju.platform.presence.PresenceSettings;
import org.anju.platform.presence.PresenceSignal;
import org.anju.platform.presence.PresenceTracker;
import org.anju.platform.storage.UnitOfWork;
import org.anju.protocol.DeviceEvent;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.TelemetryDecoder;
import org.anju.protocol.catalogue.DecodedMessage;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * The in-process {@link Downstream}: decodes each message by its device type's schema (the
 * {@link DeviceCatalogue}) and queues it for a writer thread that writes in batches
 * ({@link WriteLane}); a message's future completes only after the transaction holding it
 * committed. The same transaction keeps the devices' presence ({@link PresenceTracker}): a
 * message brings an offline device online, a {@code disconnected} notice takes it offline.
 * <p>
 * Messages with events (a fire alarm, a fault, a connection notice) have a lane of their own, so
 * that an alarm is committed beside the telemetry bulk instead of waiting behind it. Only that
 * lane copies the devices' own events into {@code device_events} (the telemetry lane adds only
 * presence rows), so the ids of the events alert rules replay still commit in order. Both lanes
 * lock rows in one order (rollup marks by hour and device, {@code device_state} by device), so
 * they cannot deadlock each other, and {@code device_state} keeps each value's measurement time
 * (V17, V18), so lanes committing out of order never leave an older value.
 * <p>
 * The queues are bounded: when the database is slow or down they fill and further messages are
 * refused with a retryable error instead of being buffered, so memory stays bounded and nothing
 * is acknowledged that was not stored.
 */
public final class TelemetryIngest implements Downstream, AutoCloseable {

    private final DeviceCatalogue catalogue;
    private final DeviceTypes types;
    private final TelemetryDecoder connectionEvents = new TelemetryDecoder();
    private final Counter invalid;
    /** Messages of data points only: the bulk. */
    private final WriteLane telemetry;
    /** Messages with events (alarms, faults, connection notices): written beside the bulk, not behind it. */
    private final WriteLane events;

    /** Creates ingest with the default presence expectations and no presence listeners. */
    public TelemetryIngest(UnitOfWork work, IngestSettings settings, DeviceCatalogue catalogue, DeviceTypes types,
            IngestListener listener, MeterRegistry meters) {
        this(work, settings, catalogue, types, new PresenceTracker(PresenceSettings.defaults()), listener, meters);
    }

    /** Creates ingest that keeps presence with the given tracker (and tells its listeners). */
    public TelemetryIngest(UnitOfWork work, IngestSettings settings, DeviceCatalogue catalogue, DeviceTypes types,
            PresenceTracker presence, IngestListener listener, MeterRegistry meters) {
        this.catalogue = catalogue;
        this.types = types;
        this.invalid = Counter.builder("anju.ingest.messages.invalid")
                .description("Messages refused because their payload is not valid").register(meters);
        this.telemetry = new WriteLane("telemetry", settings, work, presence, listener, meters);
        this.events = new WriteLane("events", settings, work, presence, listener, meters);
    }

    /** Starts the writer threads; idempotent. */
    public void start() {
        telemetry.start();
        events.start();
    }

    @Override
    public Future<Void> send(DeviceMessage message) {
        return send(message, null);
    }

    /**
     * Accepts a message read from Kafka at {@code position} (null: from the in-process gateway);
     * its future succeeds once it is stored, or once it is found stored already.
     */
    Future<Void> send(DeviceMessage message, KafkaPosition position) {
        if (message.isConnectionNotification()) {
            return enqueue(connectionEvent(message, position));
        }
        if (!message.hasDevicePayload()) {
            invalid.increment();
            return Future.failedFuture(ClientError.badRequest("content type '" + message.contentType()
                    + "' is not stored by the platform: publish application/json (other types pass through Kafka only)"));
        }
        return types.typeOf(message.deviceId()).compose(type -> {
            Batch.Entry entry;
            try {
                DecodedMessage decoded = catalogue.decode(type, message);
                entry = new Batch.Entry(message.deviceId(), type, message.receivedAt(), decoded.points(), decoded.events(),
                        decoded.status(), PresenceSignal.Kind.MESSAGE, Promise.promise(), position);
            } catch (ClientError e) {
                invalid.increment();
                return Future.failedFuture(e);
            }
            return enqueue(entry);
        });
    }

    private Future<Void> enqueue(Batch.Entry entry) {
        return (entry.events().isEmpty() ? telemetry : events).enqueue(entry);
    }

    /** Stops taking messages, writes what was queued, and stops the writers; idempotent. */
    @Override
    public void close() {
        telemetry.stop();
        events.stop();
        telemetry.awaitStopped();
        events.awaitStopped();
    }

    /**
     * The gateway's own connection notice: an event of the device, and a sign of life. Only
     * {@code disconnected} says the device went away: {@code taken_over} (the old connection of a
     * device that reconnected) and {@code gateway_stopped} (our own shutdown) do not.
     */
    private Batch.Entry connectionEvent(DeviceMessage message, KafkaPosition position) {
        DeviceEvent event = connectionEvents.decodeEvent(message);
        PresenceSignal.Kind signal = "disconnected".equals(event.kind()) ? PresenceSignal.Kind.DISCONNECTED
                : PresenceSignal.Kind.CONNECTED;
        return new Batch.Entry(message.deviceId(), null, message.receivedAt(), List.of(), List.of(event), Map.of(), signal,
                Promise.promise(), position);
    }
}
