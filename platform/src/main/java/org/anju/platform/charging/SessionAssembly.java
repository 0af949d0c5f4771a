package org.anju.platform.charging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs charger events into sessions per connector: pure, no I/O. A start opens a session (a
 * session still open on the connector goes to review, {@code no_stop}); a stop with the open
 * session's transaction id closes it; a stop of no open session is a review item of its own
 * ({@code stop_without_start}); a session open longer than the limit at {@code now} goes to review.
 */
final class SessionAssembly {

    private SessionAssembly() {
    }

    /**
     * Returns every session that changed: opened, stopped (still {@code open}, with its stop; the
     * caller prices it) or sent to review.
     *
     * @param open sessions open before these events, at most one per connector
     */
    static List<SessionDraft> assemble(Collection<SessionDraft> open, List<SessionEvent> events, Instant expiredAt) {
        Map<String, SessionDraft> byConnector = new LinkedHashMap<>();
        open.forEach(s -> byConnector.put(s.connectorKey(), s));
        Set<SessionDraft> changed = new LinkedHashSet<>();
        List<SessionEvent> inOrder = new ArrayList<>(events);
        inOrder.sort(Comparator.comparing(SessionEvent::ts).thenComparingLong(SessionEvent::eventId));
        for (SessionEvent e : inOrder) {
            SessionDraft current = byConnector.get(e.connectorKey());
            if (e.start()) {
                if (current != null) {
                    current.review("no_stop");
                    changed.add(current);
                }
                SessionDraft started = started(e);
                byConnector.put(e.connectorKey(), started);
                changed.add(started);
            } else if (current != null && current.transactionId == e.transactionId()) {
                stop(current, e);
                byConnector.remove(e.connectorKey());
                changed.add(current);
            } else {
                SessionDraft orphan = new SessionDraft();
                orphan.communityId = e.communityId();
                orphan.deviceId = e.deviceId();
                orphan.connectorId = e.connectorId();
                orphan.transactionId = e.transactionId();
                orphan.idTagHash = e.idTagHash();
                stop(orphan, e);
                orphan.review("stop_without_start");
                changed.add(orphan);
            }
        }
        for (SessionDraft s : byConnector.values()) {
            if (s.state.equals(SessionDraft.OPEN) && !s.startedAt.isAfter(expiredAt)) {
                s.review("no_stop");
                changed.add(s);
            }
        }
        return List.copyOf(changed);
    }

    private static SessionDraft started(SessionEvent e) {
        SessionDraft s = new SessionDraft();
        s.communityId = e.communityId();
        s.deviceId = e.deviceId();
        s.connectorId = e.connectorId();
        s.transactionId = e.transactionId();
        s.idTagHash = e.idTagHash();
        s.startEventId = e.eventId();
        s.startedAt = e.ts();
        s.meterStartWh = e.meterWh();
        return s;
    }

    private static void stop(SessionDraft s, SessionEvent e) {
        s.stopEventId = e.eventId();
        s.stoppedAt = e.ts();
        s.meterStopWh = e.meterWh();
        s.stopReason = e.reason();
        if (s.idTagHash == null) {
            s.idTagHash = e.idTagHash();
        }
    }
}
