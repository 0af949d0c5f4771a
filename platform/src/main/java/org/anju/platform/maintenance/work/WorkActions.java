package org.anju.platform.maintenance.work;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.auth.UserDirectory;
import org.anju.platform.auth.UserView;
import org.anju.platform.maintenance.CompletedWork;
import org.anju.platform.maintenance.CompletionListener;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.storage.UnitOfWork;

/**
 * The actions on a work order, each in one transaction that locks the order: who may
 * ({@link WorkAccess}: 403/404), the state machine ({@link WorkAction}: 409 naming the rule), a
 * body checked field by field (400), the rules of the work (the crew on site, every
 * checklist item answered: 409), an audit entry. Verifying hands the work to the
 * {@link CompletionListener} (plans and counters) in the same transaction.
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
public final class WorkActions {

    private static final String WHAT = "work orders";

    private final UnitOfWork db;
    private final CompletionListener completions;
    private final Clock clock;

    public WorkActions(UnitOfWork db, CompletionListener completions, Clock clock) {
        this.db = db;
        this.completions = completions;
        this.clock = clock;
    }

    /**
     * Applies the action to the order as the user.
     *
     * @return the order after it
     */
    public WorkOrder act(Principal user, long orderId, WorkAction action, JsonObject body, AuditEntry audit) {
        return db.inTransaction(WHAT, tx -> {
            WorkAccess.Seen seen = WorkAccess.requireOrder(tx, user, orderId, true);
            if (action == WorkAction.ASSIGN || action == WorkAction.VERIFY || action == WorkAction.CANCEL) {
                WorkAccess.requireManager(user, seen, action);
            }
            WorkOrder order = seen.order();
            action.apply(orderId, order.workStatus());
            Instant now = clock.instant();
            AuditEntry entry = audit.forTenant(order.tenantId()).about("work-order:" + orderId);
            switch (action) {
                case ASSIGN -> entry = assign(tx, order, body, now, entry);
                case START -> {
                    List<String> crew = WorkRequests.crew(body);
                    if (crew.size() < order.minCrew()) {
                        throw new ClientError(ClientError.CONFLICT, "work on " + order.deviceType() + " '"
                                + order.deviceId() + "' needs at least " + order.minCrew()
                                + " people on site; the crew names " + crew.size());
                    }
                    WorkOrderStore.start(tx, orderId, crew, now);
                    entry = entry.with("crew", crew);
                }
                case CHECKLIST -> entry = answer(tx, user, order, body, now, entry);
                case NOTE -> entry = note(tx, user, order, body, now, entry);
                case DONE -> {
                    Set<String> answered = new HashSet<>();
                    order.checklistResults().fieldNames().forEachRemaining(answered::add);
                    List<String> missing = Checklists.unanswered(order.checklist(), answered);
                    if (!missing.isEmpty()) {
                        throw new ClientError(ClientError.CONFLICT, "work order " + orderId
                                + " cannot be done before every checklist item is answered; unanswered: " + missing);
                    }
                    WorkOrderStore.done(tx, orderId, now);
                }
                case VERIFY -> {
                    WorkOrderStore.verify(tx, orderId, user.username(), now);
                    completions.completed(tx, new CompletedWork(orderId, order.communityId(), order.deviceId(),
                            source(order.source()), order.sourceRef(), order.doneAt()));
                }
                case CANCEL -> {
                    String reason = WorkRequests.text(body, "reason", 500);
                    WorkOrderStore.cancel(tx, orderId, reason, now);
                    entry = entry.with("reason", reason);
                }
            }
            AuditLog.write(tx, entry);
            return WorkOrderStore.get(tx, orderId).orElseThrow();
        });
    }

    private AuditEntry assign(UnitOfWork.Tx tx, WorkOrder order, JsonObject body, Instant now, AuditEntry entry)
            throws SQLException {
        Long companyId = WorkRequests.optionalId(body, "companyId");
        String assignee = WorkRequests.optionalText(body, "assignee", 100);
        if (companyId == null && assignee == null) {
            throw ClientError.badRequest("field 'companyId' or 'assignee' is required");
        }
        if (companyId != null && CompanyStore.get(tx, companyId).filter(c -> c.tenantId().equals(order.tenantId()))
                .isEmpty()) {
            throw ClientError.badRequest("field 'companyId': no maintainer company " + companyId + " of tenant '"
                    + order.tenantId() + "'");
        }
        if (assignee != null) {
            UserView user = UserDirectory.find(tx, assignee).filter(UserView::enabled).orElse(null);
            if (user == null || !user.roles().contains(Role.TECHNICIAN)
                    || !user.communityIds().contains(order.communityId())) {
                throw ClientError.badRequest("field 'assignee': '" + assignee + "' is not a technician of community '"
                        + order.communityId() + "'");
            }
        }
        WorkOrderStore.assign(tx, order.id(), companyId, assignee, now);
        return entry.with("companyId", companyId).with("assignee", assignee);
    }

    private static AuditEntry answer(UnitOfWork.Tx tx, Principal user, WorkOrder order, JsonObject body, Instant now,
            AuditEntry entry) throws SQLException {
        List<WorkRequests.Answer> answers = WorkRequests.answers(body);
        for (WorkRequests.Answer a : answers) {
            Checklists.requireItem(order.deviceType(), order.checklist(), a.item());
        }
        JsonObject results = new JsonObject();
        for (WorkRequests.Answer a : answers) {
            results.put(a.item(), new JsonObject().put("ok", a.ok()).put("note", a.note()).put("by", user.username())
                    .put("at", now.toString()));
        }
        WorkOrderStore.answer(tx, order.id(), results.encode(), now);
        return entry.with("items", answers.size());
    }

    private static AuditEntry note(UnitOfWork.Tx tx, Principal user, WorkOrder order, JsonObject body, Instant now,
            AuditEntry entry) throws SQLException {
        String text = WorkRequests.note(body);
        List<String> photos = WorkRequests.photos(body);
        if (text == null && photos.isEmpty()) {
            throw ClientError.badRequest("field 'text' or 'photos' is required");
        }
        JsonArray notes = new JsonArray();
        if (text != null) {
            notes.add(new JsonObject().put("by", user.username()).put("at", now.toString()).put("text", text));
        }
        WorkOrderStore.note(tx, order.id(), notes.encode(), photos, now);
        return entry.with("photos", photos.size());
    }

    private static WorkSource source(String wireName) {
        for (WorkSource s : WorkSource.values()) {
            if (s.wireName().equals(wireName)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown work source " + wireName);
    }
}
