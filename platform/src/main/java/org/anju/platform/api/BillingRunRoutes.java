package org.anju.platform.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.billing.Invoice;
import org.anju.platform.billing.InvoiceView;
import org.anju.platform.billing.Invoices;
import org.anju.platform.billing.Owed;
import org.anju.platform.estate.Households;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.registry.DeviceRegistry;

/**
 * Monthly billing runs and invoices (docs/billing.md "Billing API"): property administrators and
 * platform administrators start a community's run of a month (idempotent: a second call answers the
 * first run); staff ({@link BillingAccess}) read the runs and invoices; a resident reads the
 * invoices of the households they belong to today, and another household's invoice is a 404.
 */
final class BillingRunRoutes {

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final BillingServices billing;
    private final ListLimits invoices;
    private final Clock clock;

    /** @param directory the limits of the invoice lists, which have no time range ({@code limits.directory}) */
    BillingRunRoutes(Vertx vertx, DeviceRegistry registry, BillingServices billing, ListLimits directory, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.billing = billing;
        this.invoices = directory.named("invoices");
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        String community = "/api/v1/communities/:communityId";
        router.post(community + "/billing-runs").handler(authenticated).handler(this::run);
        router.get(community + "/billing-runs").handler(authenticated).handler(this::runs);
        router.get(community + "/invoices").handler(authenticated).handler(this::communityInvoices);
        router.get("/api/v1/invoices/:invoiceId").handler(authenticated).handler(this::invoice);
        router.get("/api/v1/me/invoices").handler(authenticated).handler(this::myInvoices);
    }

    private void run(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "billing.run", null);
        JsonObject body = AlertRoutes.body(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            BillingAccess.requireAdministrator(user, registry, communityId);
            YearMonth period = period(body.getValue("period"));
            return billing.runs().run(communityId, period, audit);
        }, false));
    }

    private void runs(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            BillingAccess.requireReader(user, registry, communityId);
            return java.util.Map.of("items", billing.work().read("billing runs",
                    tx -> Invoices.runs(tx, communityId)));
        }, false));
    }

    private void communityInvoices(RoutingContext ctx) {
        String communityId = ctx.pathParam("communityId");
        Principal user = AuthRoutes.principal(ctx);
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            BillingAccess.requireReader(user, registry, communityId);
            Invoices.Status status = status(params.apply("status"));
            Long household = household(params.apply("householdId"));
            ListRequest page = invoices.request(params, clock.instant(), Long.class);
            List<InvoiceView> rows = billing.work().read("invoices", tx -> Owed.views(tx, billing.paid(),
                    Invoices.ofCommunity(tx, communityId, household, status, today(), page.afterId(), page.fetchSize()),
                    today()));
            return page.page(rows, i -> new Object[] {i.id()});
        }, false));
    }

    private void invoice(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long id = AlertRoutes.id(ctx, "invoiceId");
        Responses.json(ctx, vertx.executeBlocking(() -> billing.work().read("invoice", tx -> {
            Optional<Invoice> found = Invoices.get(tx, id);
            Optional<InvoiceView> invoice = found.isEmpty() ? Optional.empty()
                    : Optional.of(Owed.views(tx, billing.paid(), List.of(found.get()), today()).getFirst());
            if (invoice.isPresent() && user.has(Role.RESIDENT) && Households.ofUser(tx, user.username(), today())
                    .stream().anyMatch(m -> m.household().id() == invoice.get().householdId())) {
                return invoice.get();
            }
            if (invoice.isPresent() && !user.has(Role.RESIDENT)) {
                BillingAccess.requireReader(user, registry, invoice.get().communityId());
                return invoice.get();
            }
            // a resident learns nothing of other households' invoices; staff not of the community learn nothing either
            if (user.has(Role.PLATFORM_ADMIN) || user.has(Role.RESIDENT)) {
                throw ClientError.notFound("invoice " + id + " not found");
            }
            throw ClientError.forbidden(user.username() + " may not see invoice " + id
                    + ": staff of its community and its household's residents do");
        }), false));
    }

    private void myInvoices(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        if (!user.has(Role.RESIDENT)) {
            throw ClientError.forbidden(user.username() + " is not a resident: these are a household's own invoices");
        }
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            ListRequest page = invoices.request(params, clock.instant(), Long.class);
            List<InvoiceView> rows = billing.work().read("invoices", tx -> Owed.views(tx, billing.paid(),
                    Invoices.ofHouseholds(tx, Households.ofUser(tx, user.username(), today()).stream()
                            .map(m -> m.household().id()).toList(), page.afterId(), page.fetchSize()), today()));
            return page.page(rows, i -> new Object[] {i.id()});
        }, false));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), billing.settings().zone());
    }

    private static YearMonth period(Object value) {
        try {
            if (value instanceof String text && text.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(text);
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ClientError.badRequest("field 'period' must be a month YYYY-MM, got " + value);
    }

    private static Invoices.Status status(String value) {
        return switch (value == null ? "any" : value) {
            case "any" -> Invoices.Status.ANY;
            case "open" -> Invoices.Status.OPEN;
            case "overdue" -> Invoices.Status.OVERDUE;
            default -> throw ClientError.badRequest("parameter 'status' must be one of open, overdue, any, got \""
                    + value + "\"");
        };
    }

    private static Long household(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ClientError.badRequest("parameter 'householdId' must be a whole number, got \"" + value + "\"");
        }
    }
}
