package org.anju.platform.rescue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.alerts.AlertFollowUp;
import org.anju.platform.alerts.AlertJson;
import org.anju.platform.alerts.AlertSettings;
import org.anju.platform.alerts.AlertStore;
import org.anju.platform.alerts.AlertView;
import org.anju.platform.alerts.Scope;
import org.anju.platform.alerts.TimerHandler;
import org.anju.platform.alerts.Timers;
import org.anju.platform.alerts.Transactions;
import org.anju.platform.auth.Principal;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;
import org.anju.platform.storage.Sql;

/**
 * Elevator rescues: an entrapment alert opens a record whose SLA (30 min urban, 1 h elsewhere;
 * per community) starts at once, and tells the maintenance company ({@code rescue.opened}, for
 * the webhook side to route by its {@code audience}). People record dispatch, arrival and release
 * in that order ({@code rescue.dispatched}, {@code rescue.arrived}, {@code rescue.released}); a
 * record without arrival at its deadline is marked breached ({@code rescue.sla_breached}).
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
public final class Rescues implements AlertFollowUp, TimerHandler {

    static final String SUBJECT = "rescue";
    private static final String SLA = "sla";
    private static final List<String> STEPS = List.of("open", "dispatched", "arrived", "released");
    private static final String VIEW = """
            SELECT r.*, a.address, a.floor FROM rescues r JOIN alerts a ON a.id = r.alert_id""";
    private static final int MAX_NOTE = 500;

    private final Transactions transactions;
    private final Clock clock;

    public Rescues(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String alertType() {
        return AlertStore.ENTRAPMENT;
    }

    @Override
    public void opened(Transactions.Change change, AlertView alert, AlertSettings settings, Instant now) throws SQLException {
        Connection c = change.connection();
        Instant due = now.plus(settings.rescueSla());
        long id = Sql.one(c, """
                INSERT INTO rescues (alert_id, tenant_id, community_id, device_id, state, opened_at, sla_due_at)
                VALUES (?, ?, ?, ?, 'open', ?, ?) RETURNING id""", rs -> rs.getLong(1), alert.id(), alert.tenantId(),
                alert.communityId(), alert.deviceId(), now, due).orElseThrow();
        Timers.schedule(c, SUBJECT, id, SLA, due);
        notify(change, get(c, id).orElseThrow(), "rescue.opened");
    }

    @Override
    public String subject() {
        return SUBJECT;
    }

    @Override
    public String due(Transactions.Change change, long rescueId, String kind, Instant now) throws SQLException {
        Connection c = change.connection();
        int breached = Sql.update(c, """
                UPDATE rescues SET sla_breached = true WHERE id = ? AND state IN ('open', 'dispatched') AND NOT sla_breached""",
                rescueId);
        if (breached == 0) {
            return "not_needed";
        }
        notify(change, get(c, rescueId).orElseThrow(), "rescue.sla_breached");
        return "breached";
    }

    /**
     * Records the next step: {@code {"step": "dispatched" | "arrived" | "released", "note": "..."}}.
     *
     * @throws ClientError 400 for a bad body, 403/404, 409 when the step is not the next one
     */
    public RescueView step(Principal user, long rescueId, JsonObject body) {
        String step = body == null ? null : body.getValue("step") instanceof String s ? s : null;
        if (step == null || STEPS.indexOf(step) < 1) {
            throw ClientError.badRequest("field 'step' must be one of dispatched, arrived, released");
        }
        Object noteValue = body.getValue("note");
        if (noteValue != null && (!(noteValue instanceof String n) || n.length() > MAX_NOTE)) {
            throw ClientError.badRequest("field 'note' must be text of at most " + MAX_NOTE + " characters");
        }
        String note = (String) noteValue;
        return transactions.run(change -> {
            Connection c = change.connection();
            Sql.one(c, "SELECT id FROM rescues WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), rescueId);
            RescueView rescue = visible(user, get(c, rescueId).orElse(null), rescueId);
            if (!Scope.mayHandle(user, rescue.communityId())) {
                throw ClientError.forbidden(user.username() + " may not handle rescue " + rescueId);
            }
            int current = STEPS.indexOf(rescue.state());
            if (STEPS.indexOf(step) != current + 1) {
                String next = current + 1 < STEPS.size() ? STEPS.get(current + 1) : "nothing: the rescue is over";
                throw new ClientError(ClientError.CONFLICT, "rescue " + rescueId + " is " + rescue.state()
                        + ": it cannot be " + step + "; next: " + next);
            }
            Instant now = clock.instant();
            Sql.update(c, "UPDATE rescues SET state = ?, " + step + "_at = ?, " + step + "_by = ?, note = coalesce(?, note)"
                    + " WHERE id = ?", step, now, user.username(), note, rescueId);
            if (step.equals("arrived") || step.equals("released")) {
                Timers.cancel(c, SUBJECT, rescueId, now, SLA);
            }
            RescueView moved = get(c, rescueId).orElseThrow();
            notify(change, moved, "rescue." + step);
            return moved;
        });
    }

    public RescueView get(Principal user, long rescueId) {
        return transactions.run(change -> visible(user, get(change.connection(), rescueId).orElse(null), rescueId));
    }

    /**
     * Returns a page of the rescues the user sees that were under way at some time in the page's
     * range (opened before its end, not released before its start), newest first.
     */
    public Page<RescueView> list(Principal user, String communityId, String state, ListRequest page) {
        Scope scope = scope(user);
        if (state != null && !STEPS.contains(state)) {
            throw ClientError.badRequest("parameter 'state' must be one of " + String.join(", ", STEPS));
        }
        if (communityId != null && !scope.sees(communityId, false)) {
            throw ClientError.forbidden(user.username() + " may not see community '" + communityId + "'");
        }
        return transactions.run(change -> {
            List<RescueView> rows = Sql.query(change.connection(), VIEW + "\n" + """
                     WHERE r.id < ?
                       AND r.opened_at < ? AND coalesce(r.released_at, 'infinity'::timestamptz) >= ?
                       AND (?::text[] IS NULL OR r.community_id = ANY (?::text[]))
                       AND (?::text IS NULL OR r.community_id = ?)
                       AND (?::text IS NULL OR r.state = ?)
                     ORDER BY r.id DESC LIMIT ?""", Rescues::view, page.afterId(), page.to(), page.from(),
                    scope.communityArray(), scope.communityArray(), communityId, communityId, state, state,
                    page.fetchSize());
            return page.page(rows, r -> new Object[] {r.id()});
        });
    }

    private static Optional<RescueView> get(Connection c, long id) throws SQLException {
        return Sql.one(c, VIEW + " WHERE r.id = ?", Rescues::view, id);
    }

    /** Rescues are not fire data: the fire brigade does not see them. */
    private static Scope scope(Principal user) {
        Scope scope = Scope.of(user);
        if (scope.fireOnly()) {
            throw ClientError.forbidden(user.username() + " may not see elevator rescues");
        }
        return scope;
    }

    private static RescueView visible(Principal user, RescueView rescue, long rescueId) {
        Scope scope = scope(user);
        if (rescue != null && scope.sees(rescue.communityId(), false)) {
            return rescue;
        }
        if (scope.communities() != null) {
            throw ClientError.forbidden(user.username() + " may not see rescue " + rescueId);
        }
        throw ClientError.notFound("no rescue " + rescueId);
    }

    private static void notify(Transactions.Change change, RescueView rescue, String topic) throws SQLException {
        // the maintenance company is the audience the webhook side routes rescue notifications to
        change.notify(topic, rescue.tenantId(), rescue.communityId(), false,
                AlertJson.tree(rescue).put("audience", "maintenance_company").put("emergencyNumber", "96333"));
    }

    private static RescueView view(ResultSet rs) throws SQLException {
        return new RescueView(rs.getLong("id"), rs.getLong("alert_id"), rs.getString("tenant_id"),
                rs.getString("community_id"), rs.getString("device_id"), rs.getString("address"), Sql.integer(rs, "floor"),
                rs.getString("state"), Sql.instant(rs, "opened_at"), Sql.instant(rs, "sla_due_at"),
                Sql.instant(rs, "dispatched_at"), rs.getString("dispatched_by"), Sql.instant(rs, "arrived_at"),
                rs.getString("arrived_by"), Sql.instant(rs, "released_at"), rs.getString("released_by"),
                rs.getBoolean("sla_breached"), rs.getString("note"));
    }
}
