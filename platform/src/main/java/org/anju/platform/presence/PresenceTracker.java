package org.anju.platform.presence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.registry.PresenceStates;
import org.anju.platform.storage.UnitOfWork;
import org.anju.protocol.DeviceType;

/**
 * Keeps each device's stored presence ({@code device_state.online}) and tells listeners of changes.
 * <p>
 * Ingest calls {@link #record} once per batch inside its transaction: a message brings an offline
 * device back online, a disconnect takes it offline (for types where that counts). The
 * {@link PresenceJob} takes silent devices offline. Each change is written with an
 * {@code online}/{@code offline} row in {@code device_events} in the same transaction; the writer
 * hands the changes to {@link #committed} after its commit.
 */
public final class PresenceTracker {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceTracker.class);
    private static final String MESSAGE_RECEIVED = "message_received";
    private static final String CONNECTED = "connected";
    private static final String DISCONNECTED = "disconnected";

    private final PresenceSettings settings;
    private final List<String> disconnectTypes;
    private final List<PresenceListener> listeners = new CopyOnWriteArrayList<>();

    public PresenceTracker(PresenceSettings settings) {
        this.settings = settings;
        this.disconnectTypes = Arrays.stream(DeviceType.values())
                .filter(type -> settings.of(type).offlineOnDisconnect())
                .map(DeviceType::wireName)
                .toList();
    }

    public PresenceSettings settings() {
        return settings;
    }

    /** Adds a listener told of every committed change, in commit order per writer. */
    public void addListener(PresenceListener listener) {
        listeners.add(listener);
    }

    /**
     * Applies the newest signal per device of one ingest batch, in the caller's transaction (the
     * batch's {@code device_state} rows must already be written, hence locked, by it).
     *
     * @return the changes made; pass them to {@link #committed} once the transaction committed
     * @throws SQLException when the database fails; the caller rolls back
     */
    public List<PresenceChange> record(UnitOfWork.Tx tx, Collection<PresenceSignal> signals) throws SQLException {
        if (signals.isEmpty()) {
            return List.of();
        }
        List<PresenceStates.Sign> alive = new ArrayList<>();
        List<PresenceStates.Sign> gone = new ArrayList<>();
        for (PresenceSignal signal : signals) {
            switch (signal.kind()) {
                case MESSAGE -> alive.add(new PresenceStates.Sign(signal.deviceId(), signal.at(), MESSAGE_RECEIVED));
                case CONNECTED -> alive.add(new PresenceStates.Sign(signal.deviceId(), signal.at(), CONNECTED));
                case DISCONNECTED -> gone.add(new PresenceStates.Sign(signal.deviceId(), signal.at(), DISCONNECTED));
            }
        }
        List<PresenceStates.Transition> transitions = new ArrayList<>(PresenceStates.backOnline(tx, alive));
        transitions.addAll(PresenceStates.disconnected(tx, gone, disconnectTypes));
        return PresenceRecords.recorded(tx, transitions);
    }

    /** Returns what each device type is expected to report, for the registry's overdue check. */
    List<PresenceStates.Expectation> expectations() {
        return Arrays.stream(DeviceType.values()).map(type -> {
            Expectation e = settings.of(type);
            return new PresenceStates.Expectation(type.wireName(), e.interval().toMillis() / 1000.0, e.missed());
        }).toList();
    }

    /** Tells the listeners of committed changes; a failing listener is logged and skipped. */
    public void committed(List<PresenceChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        for (PresenceChange change : changes) {
            LOG.debug("device [id: {}, type: {}] {} since {} ({})", change.deviceId(), change.deviceType(),
                    change.online() ? "online" : "offline", change.at(), change.reason());
        }
        for (PresenceListener listener : listeners) {
            try {
                listener.changed(changes);
            } catch (RuntimeException e) {
                LOG.warn("presence listener failed: {}", e.getMessage(), e);
            }
        }
    }
}
