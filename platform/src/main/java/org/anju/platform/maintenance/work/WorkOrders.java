package org.anju.platform.maintenance.work;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkOrderSink;
import org.anju.platform.maintenance.plans.Asset;
import org.anju.platform.maintenance.plans.Assets;
import org.anju.platform.query.Page;
import org.anju.platform.registry.Devices;
import org.anju.platform.storage.UnitOfWork;

/**
 * Work orders: opened for due work (the {@link WorkOrderSink} of plans, counters, forecasts and
 * fault alerts, idempotent by source reference), listed and read by the people who see them
 * ({@link WorkAccess}). Their actions are {@link WorkActions}.
 * <p>
 * The API methods block on JDBC: call them from a worker.
 */
public final class WorkOrders implements WorkOrderSink {

    private static final String WHAT = "work orders";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;

    private final UnitOfWork db;
    private final Clock clock;

    public WorkOrders(UnitOfWork db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public long open(UnitOfWork.Tx tx, DueWork due) throws SQLException {
        return open(tx, due, null, null);
    }

    /**
     * Opens the order for the due work unless one exists for its source reference.
     *
     * @param alertId       the fault alert it is for, or null
     * @param emergencyKind the fund's emergency kind, or null
     * @return the order's id (new or earlier)
     * @throws IllegalArgumentException when the device does not exist or is not in the due work's community
     */
    long open(UnitOfWork.Tx tx, DueWork due, Long alertId, String emergencyKind) throws SQLException {
        Devices.Place place = Devices.places(tx, List.of(due.deviceId())).get(due.deviceId());
        if (place == null || !place.communityId().equals(due.communityId())) {
            throw new IllegalArgumentException("no device '" + due.deviceId() + "' in community '" + due.communityId()
                    + "' for due work " + due.sourceRef());
        }
        NewOrder order = new NewOrder(due, place.tenantId(), place.type(),
                Checklists.forOrder(place.type(), due.checklist()), alertId, emergencyKind,
                maintainerOf(tx, due.deviceId(), place.tenantId()));
        var inserted = WorkOrderStore.insert(tx, order, clock.instant());
        return inserted.isPresent() ? inserted.get() : WorkOrderStore.idOf(tx, due.sourceRef()).orElseThrow();
    }

    /**
     * Records on the order that the fault behind it cleared (docs/maintenance.md "A cleared fault"): a
     * note "fault cleared at …" by "device" and {@code faultClearedAt}; the order stays as it is, for a
     * technician to inspect and verify. A verified or cancelled order records nothing.
     *
     * @return whether the order recorded it
     */
    public boolean faultCleared(UnitOfWork.Tx tx, long orderId, Instant clearedAt, ZoneId zone) throws SQLException {
        String text = "fault cleared at " + clearedAt.atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)
                + " (" + zone + "): the order stays open for an inspection";
        JsonArray note = new JsonArray().add(new JsonObject().put("by", "device").put("at", clearedAt.toString())
                .put("text", text));
        return WorkOrderStore.faultCleared(tx, orderId, clearedAt, note.encode(), clock.instant());
    }

    /**
     * Returns the maintainer company of the device's asset when it names one of the tenant's
     * companies by id (the asset's {@code maintainerCompanyId} is the company's id in
     * {@code maintainer_companies}); null when there is no asset, no company or another tenant's.
     */
    private static Long maintainerOf(UnitOfWork.Tx tx, String deviceId, String tenantId) throws SQLException {
        String named = Assets.get(tx, deviceId).map(Asset::maintainerCompanyId).orElse(null);
        if (named == null || !named.matches("\\d{1,18}")) {
            return null;
        }
        return CompanyStore.get(tx, Long.parseLong(named)).filter(c -> c.tenantId().equals(tenantId))
                .map(CompanyStore.Company::id).orElse(null);
    }

    /**
     * Lists the community's orders the user sees, newest first; filters {@code status},
     * {@code deviceId}, {@code companyId}, {@code dueBefore} (a day), {@code emergency}
     * ({@code true}/{@code false}), {@code limit} (1–500), {@code after} (the next cursor).
     *
     * @throws ClientError 400 naming a bad filter, 403/404 ({@link WorkAccess#requireCommunity})
     */
    public Page<WorkOrder> list(Principal user, String communityId, Function<String, String> params) {
        return db.read(WHAT, tx -> {
            WorkAccess.Sight sight = WorkAccess.requireCommunity(tx, user, communityId);
            int limit = (int) WorkRequests.queryNumber(params, "limit", DEFAULT_LIMIT, MAX_LIMIT);
            Long asked = optionalNumber(params, "companyId");
            if (sight.companyId() != null && asked != null && !sight.companyId().equals(asked)) {
                return new Page<WorkOrder>(List.of(), null); // a contractor asking for another company's orders
            }
            Long company = sight.companyId() != null ? sight.companyId() : asked;
            WorkOrderStore.Filter filter = new WorkOrderStore.Filter(communityId, status(params.apply("status")),
                    params.apply("deviceId"), company, day(params.apply("dueBefore")), bool(params.apply("emergency")),
                    sight.assignee(), optionalNumber(params, "after"), limit);
            List<WorkOrder> items = WorkOrderStore.list(tx, filter);
            String next = items.size() == limit ? String.valueOf(items.getLast().id()) : null;
            return new Page<>(items, next);
        });
    }

    /** Returns one order: 404 for a missing one and for one the user does not see. */
    public WorkOrder get(Principal user, long orderId) {
        return db.read(WHAT, tx -> WorkAccess.requireOrder(tx, user, orderId, false).order());
    }

    private static WorkStatus status(String value) {
        return value == null ? null : WorkStatus.fromWireName(value).orElseThrow(() -> ClientError.badRequest(
                "parameter 'status' must be one of open, assigned, in_progress, done, verified, cancelled"));
    }

    private static LocalDate day(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("parameter 'dueBefore' must be a day (YYYY-MM-DD)");
        }
    }

    private static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ClientError.badRequest("parameter 'emergency' must be true or false");
        }
        return Boolean.valueOf(value);
    }

    private static Long optionalNumber(Function<String, String> params, String name) {
        return params.apply(name) == null ? null : WorkRequests.queryNumber(params, name, 0, Long.MAX_VALUE);
    }
}
