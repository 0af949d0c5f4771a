package org.anju.platform.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
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
import org.anju.platform.billing.Arrears;
import org.anju.platform.billing.CreditNotes;
import org.anju.platform.billing.Invoice;
import org.anju.platform.billing.Invoices;
import org.anju.platform.billing.Owed;
import org.anju.platform.billing.Revenue;
import org.anju.platform.billing.settings.BillingSettingsStore;
import org.anju.platform.billing.settings.CommunityBillingSettings;
import org.anju.platform.fund.MaintenanceFund;
import org.anju.platform.ledger.Fen;
import org.anju.platform.registry.DeviceRegistry;

/**
 * A community's billing settings, arrears, revenue by stream and month, credit notes and the CSV
 * exports (docs/billing.md "Arrears, late fees, credit notes"): property administrators of the
 * community and platform administrators, who handle the money; others 403.
 */
final class ArrearsRoutes {

    private static final String COMMUNITY = "/api/v1/communities/:communityId";
    private static final int MAX_REVENUE_MONTHS = 36;

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final BillingServices billing;
    private final BillingExports exports;
    private final CreditNotes creditNotes;
    private final Clock clock;

    ArrearsRoutes(Vertx vertx, DeviceRegistry registry, BillingServices billing, MaintenanceFund fund, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.billing = billing;
        this.exports = new BillingExports(billing, fund);
        this.creditNotes = new CreditNotes(billing.ledger(), billing.paid(), billing.settings().zone(), billing.fund());
        this.clock = clock;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.get(COMMUNITY + "/billing/settings").handler(authenticated).handler(ctx -> money(ctx, this::settings));
        router.put(COMMUNITY + "/billing/settings").handler(authenticated).handler(ctx -> money(ctx, this::putSettings));
        router.get(COMMUNITY + "/arrears").handler(authenticated).handler(ctx -> money(ctx, this::arrears));
        router.get(COMMUNITY + "/revenue").handler(authenticated).handler(ctx -> money(ctx, this::revenue));
        router.get(COMMUNITY + "/invoices/export.csv").handler(authenticated).handler(ctx -> csv(ctx, "invoices",
                community -> exports.invoices(community, today())));
        router.get(COMMUNITY + "/arrears/export.csv").handler(authenticated).handler(ctx -> csv(ctx, "arrears",
                community -> exports.arrears(arrearsOf(community))));
        router.get(COMMUNITY + "/revenue/export.csv").handler(authenticated).handler(ctx -> csv(ctx, "revenue",
                community -> exports.revenue(revenueOf(community, AlertRoutes.params(ctx)))));
        router.get(COMMUNITY + "/fund/export.csv").handler(authenticated).handler(ctx -> csv(ctx, "fund",
                community -> exports.fund(AuthRoutes.principal(ctx), community)));
        router.post("/api/v1/invoices/:invoiceId/credit-notes").handler(authenticated).handler(this::creditNote);
    }

    /** Answers a community's money route for its property administrators and platform administrators. */
    private void money(RoutingContext ctx, java.util.function.BiFunction<RoutingContext, String, Object> answer) {
        Principal user = AuthRoutes.principal(ctx);
        String community = ctx.pathParam("communityId");
        Responses.json(ctx, vertx.executeBlocking(() -> {
            BillingAccess.requireAdministrator(user, registry, community);
            return answer.apply(ctx, community);
        }, false));
    }

    /** Answers a CSV export ({@code <what>-<community>-<day>.csv}) to the same callers. */
    private void csv(RoutingContext ctx, String what, Function<String, String> body) {
        Principal user = AuthRoutes.principal(ctx);
        String community = ctx.pathParam("communityId");
        vertx.executeBlocking(() -> {
            BillingAccess.requireAdministrator(user, registry, community);
            return body.apply(community);
        }, false).onSuccess(text -> ctx.response().setStatusCode(200)
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"" + what + "-" + community + "-" + today()
                        + ".csv\"").end(text)).onFailure(ctx::fail);
    }

    private Object settings(RoutingContext ctx, String community) {
        return settingsView(community, billing.work().read("billing settings",
                tx -> BillingSettingsStore.of(tx, community)));
    }

    private Object putSettings(RoutingContext ctx, String community) {
        JsonObject body = AlertRoutes.body(ctx);
        Principal user = AuthRoutes.principal(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "billing.settings_changed", "community:" + community);
        CommunityBillingSettings own = billing.work().inTransaction("billing settings", tx -> {
            CommunityBillingSettings changed = CommunityBillingSettings.fromJson(body, BillingSettingsStore.of(tx, community));
            BillingSettingsStore.put(tx, community, changed, user.username());
            AuditLog.write(tx, audit.with("communityId", community).with("settings", body.getMap()));
            return changed;
        });
        return settingsView(community, own);
    }

    /** The figures in force, the community's own and the platform defaults. */
    private Map<String, Object> settingsView(String community, CommunityBillingSettings own) {
        CommunityBillingSettings defaults = billing.settings().figures(billing.plateMinConfidence());
        return Map.of("communityId", community, "effective", own.over(defaults), "own", own, "defaults", defaults,
                "lateFee", "the community's late_fee tariff (GET /api/v1/communities/" + community + "/tariffs/in-force)");
    }

    private Object arrears(RoutingContext ctx, String community) {
        return arrearsOf(community);
    }

    private Arrears.Community arrearsOf(String community) {
        return billing.work().read("arrears", tx -> Arrears.of(tx, billing.paid(), community, today()));
    }

    private Object revenue(RoutingContext ctx, String community) {
        return Map.of("communityId", community, "source", "invoice lines", "items",
                revenueOf(community, AlertRoutes.params(ctx)));
    }

    private List<Revenue.Row> revenueOf(String community, Function<String, String> params) {
        YearMonth from = month("from", params.apply("from"));
        YearMonth to = month("to", params.apply("to"));
        if (to.isBefore(from) || from.plusMonths(MAX_REVENUE_MONTHS - 1).isBefore(to)) {
            throw ClientError.badRequest("parameters 'from' and 'to' must span 1 to " + MAX_REVENUE_MONTHS
                    + " months, from before to; got " + from + " to " + to);
        }
        return billing.work().read("revenue", tx -> Revenue.byMonth(tx, community, from, to));
    }

    private void creditNote(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long id = AlertRoutes.id(ctx, "invoiceId");
        JsonObject body = AlertRoutes.body(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "billing.credit_note", "invoice:" + id);
        vertx.executeBlocking(() -> {
            if (!user.has(Role.PLATFORM_ADMIN) && !user.has(Role.PROPERTY_ADMIN)) {
                throw ClientError.forbidden(user.username() + " may not credit invoices: property administrators do");
            }
            long amount = Fen.parse("amountFen", body.getValue("amountFen"));
            if (amount == 0) {
                throw ClientError.badRequest("amountFen must be positive, was 0");
            }
            String reason = text(body, "reason", 500);
            String key = text(body, "clientKey", 200);
            return billing.work().inTransaction("credit note", tx -> {
                Optional<Invoice> invoice = Invoices.get(tx, id);
                if (invoice.isEmpty() && user.has(Role.PLATFORM_ADMIN)) {
                    throw ClientError.notFound("invoice " + id + " not found");
                }
                if (invoice.isEmpty()) {
                    throw ClientError.forbidden(user.username() + " may not credit invoice " + id);
                }
                BillingAccess.requireAdministrator(user, registry, invoice.get().communityId());
                CreditNotes.Issued issued = creditNotes.issue(tx, invoice.get(), amount, reason, key, user.username(),
                        clock.instant());
                if (!issued.replayed()) {
                    AuditLog.write(tx, audit.about("invoice:" + issued.creditNote().id()).with("invoiceId", id)
                            .with("amountFen", amount).with("reason", reason));
                }
                return Map.of("replayed", issued.replayed(), "creditNote",
                        Owed.views(tx, billing.paid(), List.of(issued.creditNote()), today()).getFirst());
            });
        }, false).onSuccess(answer -> Responses.json(ctx, 201, answer)).onFailure(ctx::fail);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), billing.settings().zone());
    }

    private static String text(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (value instanceof String s && !s.isBlank() && s.length() <= max) {
            return s;
        }
        throw ClientError.badRequest("field '" + field + "' is required: text of 1 to " + max + " characters");
    }

    private static YearMonth month(String name, String value) {
        try {
            if (value != null && value.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(value);
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ClientError.badRequest("parameter '" + name + "' must be a month YYYY-MM, got " + value);
    }
}
