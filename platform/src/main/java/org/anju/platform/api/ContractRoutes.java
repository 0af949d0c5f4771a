package org.anju.platform.api;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.billing.Contract;
import org.anju.platform.billing.CreditNotes;
import org.anju.platform.billing.NewContract;
import org.anju.platform.billing.Termination;
import org.anju.platform.billing.TerminationCredits;
import org.anju.platform.estate.Households;
import org.anju.platform.estate.Relation;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.storage.UnitOfWork;

/**
 * Rental contracts of parking spaces and the owners' waiting list over HTTP (docs/billing.md
 * "Contracts API"): property administrators and platform administrators sign, renew and terminate;
 * staff ({@link BillingAccess}) read; a resident reads the contracts of the households they belong
 * to today, and another household's contract is a 404. The rules (owners first, the non-owner cap,
 * one contract per space, the common-area resolution) are {@code billing.Contracts}'; each change is
 * one transaction with its audit entry.
 */
final class ContractRoutes {

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final BillingServices billing;
    private final ListLimits contracts;
    private final TerminationCredits credits;
    private final Clock clock;

    /** @param directory the limits of the contract list, which has no time range ({@code limits.directory}) */
    ContractRoutes(Vertx vertx, DeviceRegistry registry, BillingServices billing, ListLimits directory, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.billing = billing;
        this.contracts = directory.named("contracts");
        this.credits = new TerminationCredits(new CreditNotes(billing.ledger(), billing.paid(), billing.settings().zone(),
                billing.fund()));
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        String community = "/api/v1/communities/:communityId";
        router.post(community + "/contracts").handler(authenticated).handler(this::sign);
        router.get(community + "/contracts").handler(authenticated).handler(this::list);
        router.get(community + "/parking/waiting-list").handler(authenticated).handler(this::waiting);
        router.post(community + "/parking/waiting-list").handler(authenticated).handler(this::join);
        router.get("/api/v1/contracts/:contractId").handler(authenticated).handler(this::contract);
        router.post("/api/v1/contracts/:contractId/renew").handler(authenticated).handler(this::renew);
        router.post("/api/v1/contracts/:contractId/terminate").handler(authenticated).handler(this::terminate);
        router.get("/api/v1/me/contracts").handler(authenticated).handler(this::mine);
    }

    private void sign(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "contract.signed", null);
        JsonObject body = AlertRoutes.body(ctx);
        answer(ctx, 201, () -> {
            BillingAccess.requireAdministrator(user, registry, communityId);
            NewContract asked = new NewContract(communityId, ContractFields.id(body, "spaceId"),
                    ContractFields.id(body, "householdId"), ContractFields.term(body),
                    ContractFields.whole(body, "periods"), ContractFields.date(body, "startsOn"),
                    ContractFields.optionalId(body, "resolutionId"), user.username());
            return ContractFields.view(billing.work().inTransaction("contract", tx -> audited(tx, audit,
                    billing.contracts().sign(tx, asked))));
        });
    }

    private void list(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        Function<String, String> params = AlertRoutes.params(ctx);
        answer(ctx, 200, () -> {
            BillingAccess.requireReader(user, registry, communityId);
            Long space = ContractFields.parameterId(params.apply("spaceId"), "spaceId");
            Long household = ContractFields.parameterId(params.apply("householdId"), "householdId");
            LocalDate activeOn = active(params.apply("active"));
            ListRequest page = contracts.request(params, clock.instant(), Long.class);
            List<Contract> rows = billing.work().read("contracts", tx -> billing.contracts().list(tx, communityId,
                    space, household, activeOn, page.afterId(), page.fetchSize()));
            return page.page(rows.stream().map(ContractFields::view).toList(), c -> new Object[] {c.get("id")});
        });
    }

    private void contract(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long id = AlertRoutes.id(ctx, "contractId");
        answer(ctx, 200, () -> ContractFields.view(billing.work().read("contract", tx -> readable(tx, user, id))));
    }

    private void renew(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long id = AlertRoutes.id(ctx, "contractId");
        AuditEntry audit = AuthRoutes.audit(ctx, "contract.renewed", "contract:" + id);
        JsonObject body = AlertRoutes.body(ctx);
        answer(ctx, 201, () -> ContractFields.view(billing.work().inTransaction("contract", tx -> {
            Contract old = changeable(tx, user, id);
            return audited(tx, audit, billing.contracts().renew(tx, old.communityId(), id,
                    ContractFields.whole(body, "periods"), user.username()));
        })));
    }

    /** Terminates and, when the period was billed, credits its unused rent: one transaction, all or nothing. */
    private void terminate(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long id = AlertRoutes.id(ctx, "contractId");
        AuditEntry audit = AuthRoutes.audit(ctx, "contract.terminated", "contract:" + id);
        JsonObject body = AlertRoutes.body(ctx);
        answer(ctx, 200, () -> billing.work().inTransaction("contract", tx -> {
            Contract old = changeable(tx, user, id);
            Termination t = billing.contracts().terminateProrated(tx, old.communityId(), id,
                    ContractFields.date(body, "terminatedOn"));
            Optional<TerminationCredits.Credit> credit = credits.issue(tx, t, user.username(), clock.instant());
            Long noteId = credit.map(c -> c.creditNote().id()).orElse(null);
            long noteFen = credit.map(c -> c.creditNote().totalFen()).orElse(0L);
            audited(tx, audit.with("creditFen", t.creditFen()).with("chargeFen", t.chargeFen())
                    .with("creditNoteId", noteId).with("creditNoteFen", noteFen), t.contract());
            Map<String, Object> proration = new LinkedHashMap<>();
            proration.put("periodStart", t.periodStart().toString());
            proration.put("periodEnd", t.periodEnd().toString());
            proration.put("periodFen", t.periodFen());
            proration.put("usedFen", t.usedFen());
            proration.put("refundFen", t.refundFen());
            proration.put("periodBilled", t.periodBilled());
            proration.put("creditFen", t.creditFen());
            proration.put("chargeFen", t.chargeFen());
            proration.put("creditNoteId", noteId);
            proration.put("creditNoteFen", noteFen);
            proration.put("creditedInvoiceId", credit.map(TerminationCredits.Credit::invoiceId).orElse(null));
            return Map.of("contract", ContractFields.view(t.contract()), "proration", proration);
        }));
    }

    private void waiting(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        answer(ctx, 200, () -> {
            BillingAccess.requireReader(user, registry, communityId);
            return Map.of("items", billing.work().read("waiting list",
                    tx -> billing.contracts().waiting(tx, communityId))
                    .stream().map(h -> Map.of("householdId", h)).toList());
        });
    }

    /** Property administrators put an owner household on the list; an owner resident puts their own. */
    private void join(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "contract.waiting_list_joined", null);
        JsonObject body = AlertRoutes.body(ctx);
        answer(ctx, 200, () -> billing.work().inTransaction("waiting list", tx -> {
            LocalDate today = today();
            if (!user.has(Role.RESIDENT)) {
                BillingAccess.requireAdministrator(user, registry, communityId);
            } else if (!user.communityIds().contains(communityId)) {
                throw ClientError.forbidden(user.username() + " is not a resident of community " + communityId);
            }
            long household = ContractFields.id(body, "householdId");
            if (user.has(Role.RESIDENT) && Households.relationOf(tx, household, user.username(), today)
                    .filter(r -> r == Relation.OWNER).isEmpty()) {
                throw ClientError.forbidden(user.username() + " is not an owner of household " + household
                        + ": owners put their own household on the waiting list");
            }
            billing.contracts().waitForSpace(tx, communityId, household, today);
            AuditLog.write(tx, audit.about("household:" + household).with("communityId", communityId));
            return Map.of("items", billing.contracts().waiting(tx, communityId).stream()
                    .map(h -> Map.of("householdId", h)).toList());
        }));
    }

    private void mine(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        if (!user.has(Role.RESIDENT)) {
            throw ClientError.forbidden(user.username() + " is not a resident: these are a household's own contracts");
        }
        answer(ctx, 200, () -> Map.of("items", billing.work().read("contracts", tx -> billing.contracts()
                .ofHouseholds(tx, Households.ofUser(tx, user.username(), today()).stream()
                        .map(m -> m.household().id()).toList())).stream().map(ContractFields::view).toList()));
    }

    /** Staff of its community and residents of its household today read a contract; others learn nothing. */
    private Contract readable(UnitOfWork.Tx tx, Principal user, long id) throws java.sql.SQLException {
        Optional<Contract> c = billing.contracts().byId(tx, id);
        if (c.isPresent() && user.has(Role.RESIDENT) && Households.ofUser(tx, user.username(), today()).stream()
                .anyMatch(m -> m.household().id() == c.get().householdId())) {
            return c.get();
        }
        if (c.isPresent() && !user.has(Role.RESIDENT)) {
            BillingAccess.requireReader(user, registry, c.get().communityId());
            return c.get();
        }
        if (user.has(Role.PLATFORM_ADMIN) || user.has(Role.RESIDENT)) {
            throw ClientError.notFound("contract " + id + " not found");
        }
        throw ClientError.forbidden(user.username() + " may not see contract " + id
                + ": staff of its community and its household's residents do");
    }

    /** Property administrators of its community and platform administrators change a contract. */
    private Contract changeable(UnitOfWork.Tx tx, Principal user, long id) throws java.sql.SQLException {
        Optional<Contract> c = billing.contracts().byId(tx, id);
        if (c.isEmpty()) {
            if (user.has(Role.PLATFORM_ADMIN)) {
                throw ClientError.notFound("contract " + id + " not found");
            }
            throw ClientError.forbidden(user.username() + " may not change contract " + id
                    + ": property administrators of its community do");
        }
        BillingAccess.requireAdministrator(user, registry, c.get().communityId());
        return c.get();
    }

    private static Contract audited(UnitOfWork.Tx tx, AuditEntry audit, Contract c) throws java.sql.SQLException {
        AuditLog.write(tx, audit.about("contract:" + c.id()).with("communityId", c.communityId())
                .with("spaceId", c.spaceId()).with("householdId", c.householdId()));
        return c;
    }

    private void answer(RoutingContext ctx, int status, java.util.concurrent.Callable<Object> work) {
        vertx.executeBlocking(work, false).onSuccess(body -> Responses.json(ctx, status, body)).onFailure(ctx::fail);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), billing.settings().zone());
    }

    private LocalDate active(String value) {
        return switch (value == null ? "any" : value) {
            case "any" -> null;
            case "true" -> today();
            default -> throw ClientError.badRequest("parameter 'active' must be true or any, got \"" + value + "\"");
        };
    }
}
