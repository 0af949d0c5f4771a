package org.anju.gateway.impl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.anju.gateway.DeviceIdentity;

/**
 * The gateway's connected sessions: by device and client id (for takeover), counted per tenant
 * and in all (for quotas), and by the devices whose commands they receive. Thread-safe: sessions
 * live on different event loops.
 */
final class SessionRegistry {

    private final int maxConnections;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();
    private final Map<String, DeviceSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, DeviceSession> commandReceivers = new ConcurrentHashMap<>();
    private final Map<String, Set<DeviceSession>> tenantGateways = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile Consumer<String> commandSubscriptions = tenantId -> { };

    SessionRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Reserves a connection slot; false when the gateway or the tenant is full. */
    boolean tryReserve(String tenantId, int tenantMax) {
        if (total.incrementAndGet() > maxConnections) {
            total.decrementAndGet();
            return false;
        }
        AtomicInteger tenant = perTenant.computeIfAbsent(tenantId, t -> new AtomicInteger());
        if (tenant.incrementAndGet() > tenantMax) {
            tenant.decrementAndGet();
            total.decrementAndGet();
            return false;
        }
        return true;
    }

    void release(String tenantId) {
        total.decrementAndGet();
        perTenant.get(tenantId).decrementAndGet();
    }

    /**
     * Returns the key of a session: the authenticated device and the client id it chose. The same
     * device connecting again with the same client id takes its session over, as MQTT requires;
     * another device's connection with that client id is another session.
     */
    static String key(DeviceIdentity device, String clientId) {
        return device.tenantId() + '\u0000' + device.deviceId() + '\u0000' + clientId;
    }

    /** Registers a session under its {@linkplain #key key}; returns the session it replaces, if any. */
    Optional<DeviceSession> register(String sessionKey, DeviceSession session) {
        return Optional.ofNullable(sessions.put(sessionKey, session));
    }

    /** Removes a closed session from every index. */
    void remove(String sessionKey, DeviceSession session) {
        sessions.remove(sessionKey, session);
        commandReceivers.values().removeIf(s -> s == session);
        tenantGateways.values().forEach(set -> set.remove(session));
    }

    /** Sets who is told the tenant of each command subscription ({@link org.anju.gateway.MqttGateway#onCommandSubscription}). */
    void onCommandSubscription(Consumer<String> listener) {
        commandSubscriptions = listener;
    }

    /** Tells the listener that a device of the tenant subscribed to commands (called on the session's context). */
    void commandSubscribed(String tenantId) {
        commandSubscriptions.accept(tenantId);
    }

    /** Records that the session receives commands for the device (itself, or one it acts for). */
    void receivesCommandsFor(String tenantId, String deviceId, DeviceSession session) {
        commandReceivers.put(tenantId + '/' + deviceId, session);
    }

    /** Records that the gateway session receives commands for every device it acts for. */
    void receivesCommandsForAll(String tenantId, DeviceSession session) {
        tenantGateways.computeIfAbsent(tenantId, t -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void stopsCommandsFor(String tenantId, String deviceId, DeviceSession session) {
        commandReceivers.remove(tenantId + '/' + deviceId, session);
    }

    void stopsCommandsForAll(String tenantId, DeviceSession session) {
        Set<DeviceSession> gateways = tenantGateways.get(tenantId);
        if (gateways != null) {
            gateways.remove(session);
        }
    }

    Optional<DeviceSession> commandReceiver(String tenantId, String deviceId) {
        return Optional.ofNullable(commandReceivers.get(tenantId + '/' + deviceId));
    }

    List<DeviceSession> gatewaysOf(String tenantId) {
        Set<DeviceSession> gateways = tenantGateways.get(tenantId);
        return gateways == null ? List.of() : List.copyOf(gateways);
    }

    List<DeviceSession> all() {
        return List.copyOf(sessions.values());
    }

    int count() {
        return total.get();
    }

    /** Records whether the gateway is stopping, so that sessions it closes say so. */
    void stopping(boolean value) {
        stopping = value;
    }

    boolean isStopping() {
        return stopping;
    }
}
