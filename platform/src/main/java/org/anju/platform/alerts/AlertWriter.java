package org.anju.platform.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.anju.platform.alerts.rules.Signal;

/**
 * Applies signals to alert records in the caller's transaction: raises through the upsert, clears,
 * storm grouping, the follow-ups of new alerts (fire workflow, rescue), and a notification for
 * every change ({@code alert.opened}, {@code alert.updated}, {@code alert.resolved},
 * {@code incident.opened}, {@code incident.updated}, {@code incident.resolved}).
 * <p>
 * Storm control quiets the feed: a non-fire alert that joins an open incident is told as
 * {@code incident.updated} instead of {@code alert.opened}. Fire alarms are always told.
 */
final class AlertWriter {

    private final AlertStore alerts = new AlertStore();
    private final StormControl storms = new StormControl();
    private final Map<String, AlertFollowUp> followUps;
    private final FaultWork faultWork;

    AlertWriter(List<AlertFollowUp> followUps) {
        this(followUps, FaultWork.NONE);
    }

    AlertWriter(List<AlertFollowUp> followUps, FaultWork faultWork) {
        this.followUps = Map.copyOf(followUps.stream().collect(
                java.util.stream.Collectors.toMap(AlertFollowUp::alertType, f -> f)));
        this.faultWork = faultWork;
    }

    void apply(Transactions.Change change, Signal signal, DeviceInfo device, AlertSettings settings, Instant now)
            throws SQLException {
        if (signal.action() == Signal.Action.CLEAR) {
            clear(change, signal, now);
            return;
        }
        Connection c = change.connection();
        AlertStore.Upserted upserted = alerts.upsert(c, signal, device, now);
        if (!upserted.opened()) {
            if (signal.action() == Signal.Action.RAISE) {
                notify(change, "alert.updated", alerts.get(c, upserted.id()).orElseThrow());
            }
            return;
        }
        AlertView alert = alerts.get(c, upserted.id()).orElseThrow();
        StormControl.Grouping grouping = storms.opened(c, alert, settings, now);
        AlertFollowUp followUp = followUps.get(alert.type());
        if (followUp != null) {
            followUp.opened(change, alert, settings, now);
        }
        for (long order : faultWork.opened(change.tx(), alert).stream().toList()) {
            alerts.linkWorkOrder(c, alert.id(), order);
        }
        alert = alerts.get(c, upserted.id()).orElseThrow();
        switch (grouping.outcome()) {
            case NONE -> notify(change, "alert.opened", alert);
            case JOINED -> {
                if (alert.fire()) {
                    notify(change, "alert.opened", alert);
                }
                notifyIncident(change, "incident.updated", grouping.incidentId(), alert.id());
            }
            case OPENED -> {
                notify(change, "alert.opened", alert);
                notifyIncident(change, "incident.opened", grouping.incidentId(), alert.id());
            }
        }
    }

    private void clear(Transactions.Change change, Signal signal, Instant now) throws SQLException {
        Connection c = change.connection();
        for (long id : alerts.clear(c, signal, now)) {
            AlertView alert = alerts.get(c, id).orElseThrow();
            boolean resolved = alert.status().equals(AlertStatus.RESOLVED.wireName());
            notify(change, resolved ? "alert.resolved" : "alert.updated", alert);
            if (alert.workOrderId() != null) {
                faultWork.cleared(change.tx(), alert);
            }
            if (resolved) {
                resolvedChild(change, alert, now);
            }
        }
    }

    /** Resolves the alert's incident when it was the last open child. */
    void resolvedChild(Transactions.Change change, AlertView alert, Instant now) throws SQLException {
        if (alert.incidentId() != null && storms.resolveIfDone(change.connection(), alert.incidentId(), now)) {
            notifyIncident(change, "incident.resolved", alert.incidentId(), alert.id());
        }
    }

    static void notify(Transactions.Change change, String topic, AlertView alert) throws SQLException {
        change.notify(topic, alert.tenantId(), alert.communityId(), alert.fire(), AlertJson.tree(alert));
    }

    private void notifyIncident(Transactions.Change change, String topic, long incidentId, long alertId) throws SQLException {
        IncidentView incident = storms.get(change.connection(), incidentId).orElseThrow();
        change.notify(topic, incident.tenantId(), incident.communityId(), incident.fire(),
                AlertJson.tree(incident).put("alertId", alertId));
    }
}
