package org.anju.platform.alerts;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;

/**
 * Alert records and storm incidents for people: read what the user's {@link Scope} allows,
 * acknowledge and resolve. Fire alarms are acknowledged and resolved through their fire workflow,
 * which calls the {@code ...InTransaction} methods.
 * <p>
 * Methods block on JDBC: call them from a worker. They fail with {@link ClientError} 400/403/404/409
 * and a retryable 503 when the database is unavailable.
 */
public final class Alerts {

    private static final int MAX_NOTE = 500;

    private final Transactions transactions;
    private final CommunitySettings settings;
    private final Clock clock;
    private final AlertStore store = new AlertStore();
    private final StormControl storms = new StormControl();
    private final AlertWriter incidents = new AlertWriter(List.of());

    public Alerts(Transactions transactions, CommunitySettings settings, Clock clock) {
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    public Page<AlertView> list(Principal user, AlertQuery query) {
        Scope scope = Scope.of(user);
        if (query.communityId() != null && scope.communities() != null && !scope.communities().contains(query.communityId())) {
            throw ClientError.forbidden(user.username() + " may not see community '" + query.communityId() + "'");
        }
        return transactions.run(change -> store.list(change.connection(), query, scope));
    }

    public AlertView get(Principal user, long id) {
        return transactions.run(change -> visible(user, change, id));
    }

    /**
     * Acknowledges an open alert.
     *
     * @throws ClientError 409 when it is not open, or is a fire alarm (those follow the fire workflow)
     */
    public AlertView acknowledge(Principal user, long id, String note) {
        String checked = note(note);
        return transactions.run(change -> {
            AlertView alert = handled(user, change, id);
            acknowledgeInTransaction(change, alert.id(), user.username(), checked, clock.instant());
            return store.get(change.connection(), id).orElseThrow();
        });
    }

    /**
     * Resolves an alert by hand.
     *
     * @throws ClientError 409 when it is resolved already, or is a fire alarm
     */
    public AlertView resolve(Principal user, long id, String note) {
        String checked = note(note);
        return transactions.run(change -> {
            AlertView alert = handled(user, change, id);
            resolveInTransaction(change, alert.id(), user.username(), "manual", checked, clock.instant());
            return store.get(change.connection(), id).orElseThrow();
        });
    }

    /** Acknowledges in the caller's transaction and tells it ({@code alert.acknowledged}). */
    public void acknowledgeInTransaction(Transactions.Change change, long id, String user, String note, Instant now)
            throws SQLException {
        store.acknowledge(change.connection(), id, user, note, now);
        AlertWriter.notify(change, "alert.acknowledged", store.get(change.connection(), id).orElseThrow());
    }

    /** Resolves in the caller's transaction, tells it ({@code alert.resolved}) and resolves a finished incident. */
    public void resolveInTransaction(Transactions.Change change, long id, String user, String resolution, String note,
            Instant now) throws SQLException {
        store.resolve(change.connection(), id, user, resolution, note, now);
        AlertView resolved = store.get(change.connection(), id).orElseThrow();
        AlertWriter.notify(change, "alert.resolved", resolved);
        incidents.resolvedChild(change, resolved, now);
    }

    /** Returns a page of the incidents the user sees that were open at some time in the page's range. */
    public Page<IncidentView> incidents(Principal user, String communityId, String status, ListRequest page) {
        Scope scope = Scope.of(user);
        if (status != null && !status.equals("open") && !status.equals("resolved")) {
            throw ClientError.badRequest("parameter 'status' must be open or resolved");
        }
        if (communityId != null && scope.communities() != null && !scope.communities().contains(communityId)) {
            throw ClientError.forbidden(user.username() + " may not see community '" + communityId + "'");
        }
        return transactions.run(change -> storms.list(change.connection(), scope, communityId, status, page));
    }

    public IncidentView incident(Principal user, long id) {
        Scope scope = Scope.of(user);
        return transactions.run(change -> {
            IncidentView incident = storms.get(change.connection(), id).orElse(null);
            if (incident != null && scope.sees(incident.communityId(), incident.fire())) {
                return incident;
            }
            throw hidden(user, scope, "incident", id);
        });
    }

    /**
     * Returns a community's alert settings.
     *
     * @throws ClientError 403 when the user may not see the community's alerts, 404 for an unknown
     *                     community (to those who see every community)
     */
    public CommunityAlertSettings settings(Principal user, String communityId) {
        Scope scope = Scope.of(user);
        if (!scope.sees(communityId, false)) {
            throw ClientError.forbidden(user.username() + " may not see the alert settings of community '" + communityId + "'");
        }
        return transactions.run(change -> {
            requireCommunity(change, communityId);
            return settingsOf(change, communityId);
        });
    }

    /**
     * Sets some of a community's own thresholds ({@code null} returns one to the default). Property
     * administrators of the community and platform administrators; {@code audit} is written in the
     * same transaction with the community's tenant and the changes.
     *
     * @throws ClientError 400 naming a bad field, 403, 404 for an unknown community
     */
    public CommunityAlertSettings updateSettings(Principal user, String communityId, io.vertx.core.json.JsonObject body,
            AuditEntry audit) {
        boolean admin = user.has(org.anju.platform.auth.Role.PLATFORM_ADMIN)
                || (user.has(org.anju.platform.auth.Role.PROPERTY_ADMIN) && user.communityIds().contains(communityId));
        if (!admin) {
            throw ClientError.forbidden(user.username() + " may not change the alert settings of community '" + communityId + "'");
        }
        Map<String, Object> values = SettingsFields.check(body);
        return transactions.run(change -> {
            String tenantId = Sql.one(change.connection(), "SELECT tenant_id FROM communities WHERE id = ?",
                    rs -> rs.getString(1), communityId)
                    .orElseThrow(() -> ClientError.notFound("no community '" + communityId + "'"));
            SettingsFields.update(change.connection(), communityId, values);
            AuditLog.write(change.connection(), audit.forTenant(tenantId).with("changes", body.copy()));
            return settingsOf(change, communityId);
        });
    }

    private static void requireCommunity(Transactions.Change change, String communityId) throws SQLException {
        if (Sql.one(change.connection(), "SELECT 1 FROM communities WHERE id = ?", rs -> true, communityId).isEmpty()) {
            throw ClientError.notFound("no community '" + communityId + "'");
        }
    }

    private CommunityAlertSettings settingsOf(Transactions.Change change, String communityId) throws SQLException {
        return new CommunityAlertSettings(communityId, SettingsFields.own(change.connection(), communityId),
                SettingsFields.effective(settings.of(change.connection(), communityId)));
    }

    private AlertView handled(Principal user, Transactions.Change change, long id) throws SQLException {
        AlertView alert = visible(user, change, id);
        if (!Scope.mayHandle(user, alert.communityId())) {
            throw ClientError.forbidden(user.username() + " may not handle alerts of community '" + alert.communityId() + "'");
        }
        if (alert.fireCaseId() != null) {
            throw new ClientError(ClientError.CONFLICT, "alert " + id + " is a fire alarm: it follows the fire workflow,"
                    + " POST /api/v1/fire-cases/" + alert.fireCaseId() + "/transitions");
        }
        return alert;
    }

    private AlertView visible(Principal user, Transactions.Change change, long id) throws SQLException {
        Scope scope = Scope.of(user);
        AlertView alert = store.get(change.connection(), id).orElse(null);
        if (alert != null && scope.sees(alert.communityId(), alert.fire())) {
            return alert;
        }
        throw hidden(user, scope, "alert", id);
    }

    /** 404 for users who see every community's records of this kind, else 403, so that ids of others reveal nothing. */
    private static ClientError hidden(Principal user, Scope scope, String what, long id) {
        if (scope.communities() == null && !scope.fireOnly()) {
            return ClientError.notFound("no " + what + " " + id);
        }
        return ClientError.forbidden(user.username() + " may not see " + what + " " + id);
    }

    private static String note(String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw ClientError.badRequest("field 'note' may have at most " + MAX_NOTE + " characters");
        }
        return note == null || note.isBlank() ? null : note.strip();
    }
}
