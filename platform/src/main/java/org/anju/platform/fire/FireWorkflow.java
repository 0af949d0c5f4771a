package org.anju.platform.fire;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.anju.error.ClientError;
import org.anju.platform.alerts.AlertFollowUp;
import org.anju.platform.alerts.Alerts;
import org.anju.platform.alerts.AlertJson;
import org.anju.platform.alerts.AlertSettings;
import org.anju.platform.alerts.AlertStore;
import org.anju.platform.alerts.AlertView;
import org.anju.platform.alerts.CommunitySettings;
import org.anju.platform.alerts.Scope;
import org.anju.platform.alerts.TimerHandler;
import org.anju.platform.alerts.Timers;
import org.anju.platform.alerts.Transactions;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.query.ListRequest;
import org.anju.platform.query.Page;

/**
 * The fire-alarm verification workflow (GB 50440 / GB 25201): a fire alarm alert opens a case in
 * {@code received}; people move it on ({@link FireState}); a confirmed fire is forwarded to 119 in
 * the same transaction (notification {@code fire.forwarded_119}); closing needs a verdict and
 * resolves the alert. Every step is audited and notified ({@code fire.<state>}, fire data).
 * <p>
 * Escalation: a case not acknowledged within {@code fireAckTimeout} of receipt is escalated to
 * the fire brigade board (level 1, {@code fire.escalated}); one without a verdict within
 * {@code fireConfirmTimeout} is escalated again (level 2). The timers live in the database.
 * <p>
 * Methods block on JDBC: call them from a worker. They fail with {@link ClientError} 400/403/404/409
 * for the caller's mistakes and a retryable 503 when the database is unavailable.
 */
public final class FireWorkflow implements AlertFollowUp, TimerHandler {

    static final String SUBJECT = "fire_case";
    static final String UNACKNOWLEDGED = "unacknowledged";
    static final String UNCONFIRMED = "unconfirmed";
    private static final String SYSTEM = "system";

    private final Transactions transactions;
    private final CommunitySettings settings;
    private final AlertStore alertStore = new AlertStore();
    private final Alerts alerts;
    private final FireCaseStore cases = new FireCaseStore();
    private final Clock clock;
    private final ZoneId dayZone;

    public FireWorkflow(Transactions transactions, Alerts alerts, CommunitySettings settings, Clock clock,
            ZoneId dayZone) {
        this.transactions = transactions;
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
        this.dayZone = dayZone;
    }

    @Override
    public String alertType() {
        return AlertStore.FIRE_ALARM;
    }

    @Override
    public void opened(Transactions.Change change, AlertView alert, AlertSettings s, Instant now) throws SQLException {
        var c = change.connection();
        long id = cases.insert(c, alert.id(), alert.tenantId(), alert.communityId(), alert.deviceId(), now);
        cases.audit(c, id, null, FireState.RECEIVED.wireName(), SYSTEM, now, null);
        Timers.schedule(c, SUBJECT, id, UNACKNOWLEDGED, now.plus(s.fireAckTimeout()));
        Timers.schedule(c, SUBJECT, id, UNCONFIRMED, now.plus(s.fireConfirmTimeout()));
        notifyState(change, cases.get(c, id).orElseThrow(), "fire.received");
    }

    @Override
    public String subject() {
        return SUBJECT;
    }

    @Override
    public String due(Transactions.Change change, long caseId, String kind, Instant now) throws SQLException {
        var c = change.connection();
        FireCaseView fireCase = cases.lock(c, caseId).orElse(null);
        if (fireCase == null) {
            return "not_needed";
        }
        FireState state = FireState.fromWireName(fireCase.state()).orElseThrow();
        boolean late = kind.equals(UNACKNOWLEDGED) ? state == FireState.RECEIVED : state.awaitsVerdict();
        int level = kind.equals(UNACKNOWLEDGED) ? 1 : 2;
        if (!late || !cases.escalate(c, caseId, level, now)) {
            return "not_needed";
        }
        String reason = kind.equals(UNACKNOWLEDGED) ? "escalated to the fire brigade: not acknowledged in time"
                : "escalated again: no verdict in time";
        cases.audit(c, caseId, state.wireName(), state.wireName(), SYSTEM, now, reason);
        FireCaseView escalated = cases.get(c, caseId).orElseThrow();
        change.notify("fire.escalated", escalated.tenantId(), escalated.communityId(), true,
                AlertJson.tree(escalated).put("reason", reason));
        return "escalated";
    }

    /**
     * Moves a case as a person asked; {@code audit} is written in the same transaction, with the
     * case's tenant and the states from and to.
     *
     * @throws ClientError 403 when the user may not, 404 when there is no such case, 409 when the
     *                     move is not allowed from the case's state (the message says what is)
     */
    public FireCaseView transition(Principal user, long caseId, TransitionRequest request, AuditEntry audit) {
        FireCaseView moved = transactions.run(change -> {
            var c = change.connection();
            FireCaseView fireCase = visible(user, cases.lock(c, caseId).orElse(null), caseId);
            if (!Scope.mayHandleFire(user, fireCase.communityId())) {
                throw ClientError.forbidden(user.username() + " may not handle fire case " + caseId);
            }
            FireState from = FireState.fromWireName(fireCase.state()).orElseThrow();
            checkAllowed(caseId, from, request.to());
            Instant now = clock.instant();
            if (request.to() == FireState.FALSE_ALARM) {
                cases.setCause(c, caseId, request.cause());
            }
            move(change, fireCase, from, request.to(), user.username(), now, request.note());
            effects(change, fireCase, request.to(), user.username(), now);
            AuditLog.write(c, audit.forTenant(fireCase.tenantId()).with("communityId", fireCase.communityId())
                    .with("from", from.wireName()).with("to", request.to().wireName()));
            return cases.getWithTransitions(c, caseId).orElseThrow();
        });
        return moved;
    }

    private static void checkAllowed(long caseId, FireState from, FireState to) {
        if (from.next().contains(to)) {
            if (to != FireState.FORWARDED_119) {
                return;
            }
        }
        String prefix = "fire case " + caseId + " is " + from.wireName() + ": ";
        if (to == FireState.FORWARDED_119) {
            throw new ClientError(ClientError.CONFLICT, prefix + "forwarded_119 is set by the platform as soon as a fire is confirmed");
        }
        if (to == FireState.CLOSED && from.awaitsVerdict()) {
            throw new ClientError(ClientError.CONFLICT, prefix
                    + "it can be closed only after a verdict (confirmed_fire, false_alarm or test)");
        }
        String allowed = from.next().isEmpty() ? "nothing: it is closed"
                : String.join(", ", from.next().stream().filter(s -> s != FireState.FORWARDED_119).map(FireState::wireName).toList());
        throw new ClientError(ClientError.CONFLICT, prefix + "it cannot move to " + to.wireName() + "; allowed next: " + allowed);
    }

    /** What a state brings beyond itself: timers cancelled, the alert acknowledged or resolved, a fire forwarded. */
    private void effects(Transactions.Change change, FireCaseView fireCase, FireState to, String user, Instant now)
            throws SQLException {
        var c = change.connection();
        switch (to) {
            case ACKNOWLEDGED -> {
                Timers.cancel(c, SUBJECT, fireCase.id(), now, UNACKNOWLEDGED);
                if (alertStore.get(c, fireCase.alertId()).map(a -> a.status().equals("open")).orElse(false)) {
                    alerts.acknowledgeInTransaction(change, fireCase.alertId(), user, null, now);
                }
            }
            case CONFIRMED_FIRE, FALSE_ALARM, TEST -> {
                Timers.cancel(c, SUBJECT, fireCase.id(), now, UNACKNOWLEDGED, UNCONFIRMED);
                if (to == FireState.CONFIRMED_FIRE) {
                    // GB 50440: a confirmed fire goes to the 119 command center at once
                    move(change, fireCase, FireState.CONFIRMED_FIRE, FireState.FORWARDED_119, SYSTEM, now, null);
                }
            }
            case CLOSED -> {
                if (alertStore.get(c, fireCase.alertId()).map(a -> !a.status().equals("resolved")).orElse(false)) {
                    alerts.resolveInTransaction(change, fireCase.alertId(), user, "workflow", null, now);
                }
            }
            default -> {
                // verifying: nothing beyond the state
            }
        }
    }

    private void move(Transactions.Change change, FireCaseView fireCase, FireState from, FireState to, String actor,
            Instant now, String note) throws SQLException {
        var c = change.connection();
        cases.moveTo(c, fireCase.id(), to, now);
        cases.audit(c, fireCase.id(), from.wireName(), to.wireName(), actor, now, note);
        notifyState(change, cases.get(c, fireCase.id()).orElseThrow(), "fire." + to.wireName());
    }

    private static void notifyState(Transactions.Change change, FireCaseView fireCase, String topic) throws SQLException {
        change.notify(topic, fireCase.tenantId(), fireCase.communityId(), true, AlertJson.tree(fireCase));
    }

    /** Returns one case with its audit trail. */
    public FireCaseView get(Principal user, long caseId) {
        Scope.of(user);
        return transactions.run(change -> visible(user, cases.getWithTransitions(change.connection(), caseId).orElse(null), caseId));
    }

    /**
     * Returns a page of the cases the user sees that were open at some time in the page's range,
     * newest first; {@code state} and {@code communityId} optional; {@code escalatedOnly} for the fire
     * brigade board (cases escalated at least once).
     */
    public Page<FireCaseView> list(Principal user, String communityId, String state, boolean escalatedOnly,
            ListRequest page) {
        Scope scope = Scope.of(user);
        if (state != null && FireState.fromWireName(state).isEmpty()) {
            throw ClientError.badRequest("parameter 'state' must be a fire case state such as received or closed");
        }
        if (communityId != null && !scope.sees(communityId, true)) {
            throw ClientError.forbidden(user.username() + " may not see community '" + communityId + "'");
        }
        return transactions.run(change -> cases.list(change.connection(), scope, communityId, state, escalatedOnly, page));
    }

    /** One facility's false alarms on a day and whether they exceed its community's limit (GB 25201: more than 5). */
    public record FalseAlarmCount(String deviceId, String communityId, String address, int falseAlarms, int limit,
            boolean flagged) {
    }

    /** Returns the false alarms per facility on a local day (the rollup day zone), most first. */
    public List<FalseAlarmCount> falseAlarms(Principal user, LocalDate day) {
        Scope scope = Scope.of(user);
        Instant from = day.atStartOfDay(dayZone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(dayZone).toInstant();
        return transactions.run(change -> {
            var counts = cases.falseAlarms(change.connection(), scope, from, to);
            Map<String, AlertSettings> own = settings.of(change.connection(),
                    counts.stream().map(FireCaseStore.FalseAlarms::communityId).distinct().toList());
            return counts.stream().map(f -> {
                int limit = own.getOrDefault(f.communityId(), settings.defaults()).falseAlarmDailyLimit();
                return new FalseAlarmCount(f.deviceId(), f.communityId(), f.address(), f.count(), limit, f.count() > limit);
            }).toList();
        });
    }

    private static FireCaseView visible(Principal user, FireCaseView fireCase, long caseId) {
        Scope scope = Scope.of(user);
        if (fireCase != null && scope.sees(fireCase.communityId(), true)) {
            return fireCase;
        }
        if (scope.communities() != null) {
            throw ClientError.forbidden(user.username() + " may not see fire case " + caseId);
        }
        throw ClientError.notFound("no fire case " + caseId);
    }
}
