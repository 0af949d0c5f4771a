package org.anju.platform.signals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;

/**
 * The wake-ups that cross platform instances on one database, as PostgreSQL notifications: the
 * channels, and the payloads, which carry the sending process's origin and ids only, never data
 * (receivers re-read what changed with their normal scoping).
 * <p>
 * A payload is {@code <origin>} alone or {@code <origin> <id> <id> ...}: device ids contain no
 * spaces (provisioning allows {@code [A-Za-z0-9_.:-]}), and a receiver ignores anything else.
 */
public final class Signals {

    /** Channel notified in every transaction that appends to the outbox; payload: the origin. */
    public static final String OUTBOX_CHANNEL = "anju_outbox";
    /** Channel of committed device state; payload: the origin and device ids. */
    public static final String DEVICES_CHANNEL = "anju_devices";
    /** PostgreSQL refuses payloads of 8000 bytes or more; stay well below. */
    static final int MAX_PAYLOAD_BYTES = 7900;

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final String ORIGINS = "anju.signals.origin";

    private Signals() {
    }

    /**
     * Returns this process's origin: a random token, one per Vert.x instance (so two platforms in
     * one JVM are two origins), by which a receiver recognises its own notifications.
     */
    public static String origin(Vertx vertx) {
        return vertx.sharedData().<String, String>getLocalMap(ORIGINS)
                .computeIfAbsent("origin", key -> UUID.randomUUID().toString());
    }

    /**
     * Splits ids into payloads of at most {@code maxBytes} bytes (UTF-8) each, every one starting
     * with the origin; an id that is not a device id (which a receiver would drop), or does not fit
     * even alone, is left out.
     */
    static List<String> payloads(String origin, Collection<String> ids, int maxBytes) {
        List<String> payloads = new ArrayList<>();
        int originBytes = origin.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder current = new StringBuilder(origin);
        int currentBytes = originBytes;
        for (String id : ids) {
            // a device id is ASCII: one byte a character
            if (!DEVICE_ID.matcher(id).matches() || originBytes + 1 + id.length() > maxBytes) {
                continue;
            }
            if (currentBytes + 1 + id.length() > maxBytes) {
                payloads.add(current.toString());
                current = new StringBuilder(origin);
                currentBytes = originBytes;
            }
            current.append(' ').append(id);
            currentBytes += 1 + id.length();
        }
        if (currentBytes > originBytes) {
            payloads.add(current.toString());
        }
        return payloads;
    }

    /** Splits ids into payloads below PostgreSQL's limit. */
    public static List<String> payloads(String origin, Collection<String> ids) {
        return payloads(origin, ids, MAX_PAYLOAD_BYTES);
    }

    /** A received payload: who sent it and the well-formed ids it names. */
    public record Payload(String origin, Set<String> ids) {

        /** Parses a payload; ids that are not device ids are dropped. */
        public static Payload parse(String payload) {
            String[] parts = payload == null ? new String[] {""} : payload.trim().split(" +");
            List<String> ids = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                if (DEVICE_ID.matcher(parts[i]).matches()) {
                    ids.add(parts[i]);
                }
            }
            return new Payload(parts[0], Set.copyOf(ids));
        }

        /** Returns whether this process sent it. */
        public boolean from(String origin) {
            return this.origin.equals(origin);
        }
    }
}
