package org.anju.platform.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.billing.Invoice;
import org.anju.platform.billing.Invoices;
import org.anju.platform.estate.Households;
import org.anju.platform.payments.PaymentOrder;
import org.anju.platform.payments.Payments;
import org.anju.platform.payments.SandboxPayer;
import org.anju.platform.payments.SignedCallback;
import org.anju.platform.query.ListLimits;
import org.anju.platform.query.ListRequest;
import org.anju.platform.registry.DeviceRegistry;
import org.anju.platform.storage.UnitOfWork;

/**
 * Paying invoices (docs/billing.md "Payments"): a resident of the invoice's household or a billing
 * reader of its community creates an order and gets the provider's checkout; providers deliver
 * signed callbacks (no session: the signature authenticates them); the sandbox's payer pays an
 * order; residents and staff read orders and receipts. Staff's money routes are in
 * {@link PaymentStaffRoutes}.
 */
final class PaymentRoutes {

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final PaymentServices services;
    private final Payments payments;
    private final ListLimits orders;
    private final ZoneId zone;
    private final Clock clock;

    PaymentRoutes(Vertx vertx, DeviceRegistry registry, PaymentServices services, ListLimits directory, ZoneId zone,
            Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.services = services;
        this.payments = services.payments();
        this.orders = directory.named("payments");
        this.zone = zone;
        this.clock = clock;
    }

    /** @param body reads the body of a request without a session (the providers' callbacks) */
    void mount(Router router, Handler<RoutingContext> authenticated, Handler<RoutingContext> body) {
        router.post("/api/v1/invoices/:invoiceId/payments").handler(authenticated).handler(this::create);
        router.post("/api/v1/payments/callbacks/:provider").handler(body).handler(this::callback);
        router.post("/api/v1/payments/sandbox/:orderId/pay").handler(authenticated).handler(this::sandboxPay);
        router.get("/api/v1/payments/:orderId").handler(authenticated).handler(this::order);
        router.get("/api/v1/payments/:orderId/receipt").handler(authenticated).handler(this::receipt);
        router.get("/api/v1/me/payments").handler(authenticated).handler(this::mine);
        router.get("/api/v1/communities/:communityId/payments").handler(authenticated).handler(this::ofCommunity);
    }

    private void create(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long invoiceId = AlertRoutes.id(ctx, "invoiceId");
        JsonObject body = AlertRoutes.body(ctx);
        Long amount = PaymentAccess.optionalFen(body);
        Object provider = body.getValue("provider");
        if (provider != null && !(provider instanceof String)) {
            throw ClientError.badRequest("field 'provider' must be text");
        }
        vertx.executeBlocking(() -> payments.work().inTransaction("payment order", tx -> {
            Invoice invoice = visibleInvoice(tx, user, invoiceId);
            Payments.Created created = payments.createOrder(tx, invoice, amount, (String) provider, user.username());
            return Map.of("order", created.order(), "checkout", created.checkout());
        }), false).onSuccess(answer -> Responses.json(ctx, 201, answer)).onFailure(ctx::fail);
    }

    private void callback(RoutingContext ctx) {
        String provider = ctx.pathParam("provider");
        String body = ctx.body() == null ? "" : ctx.body().asString();
        // missing or bad headers make a callback that fails its signature check: refused and logged as forged
        long timestamp;
        try {
            timestamp = Long.parseLong(header(ctx, SandboxPayer.TIMESTAMP_HEADER));
        } catch (NumberFormatException e) {
            timestamp = 0;
        }
        SignedCallback callback = new SignedCallback(body, timestamp, header(ctx, SandboxPayer.NONCE_HEADER),
                header(ctx, SandboxPayer.SIGNATURE_HEADER));
        Responses.json(ctx, vertx.executeBlocking(() -> Map.of("verdict", payments.receive(provider, callback)
                .wireName()), false));
    }

    private static String header(RoutingContext ctx, String name) {
        String value = ctx.request().getHeader(name);
        return value == null ? "" : value;
    }

    private void sandboxPay(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long orderId = AlertRoutes.id(ctx, "orderId");
        JsonObject body = AlertRoutes.body(ctx);
        Long amount = PaymentAccess.optionalFen(body);
        Object outcome = body.getValue("outcome", "pay");
        if (!"pay".equals(outcome) && !"fail".equals(outcome)) {
            throw ClientError.badRequest("field 'outcome' must be pay or fail, got " + outcome);
        }
        SandboxPayer payer = services.sandboxPayer().orElseThrow(
                () -> ClientError.notFound("the sandbox payment provider is not enabled (payments.sandbox.enabled)"));
        vertx.executeBlocking(() -> payments.work().read("payment", tx -> visibleOrder(tx, user, orderId)), false)
                .onSuccess(order -> {
                    if (!order.provider().equals("sandbox")) {
                        ctx.fail(ClientError.badRequest("payment " + orderId + " is not a sandbox order"));
                        return;
                    }
                    long paid = amount == null ? order.amountFen() : amount;
                    // delivered asynchronously, like a real provider's notification
                    if (outcome.equals("fail")) {
                        payer.fail(orderId, paid);
                    } else {
                        payer.pay(orderId, paid);
                    }
                    Responses.json(ctx, 202, Map.of("orderId", orderId, "amountFen", paid, "outcome", outcome,
                            "delivering", true));
                }).onFailure(ctx::fail);
    }

    private void order(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long orderId = AlertRoutes.id(ctx, "orderId");
        Responses.json(ctx, vertx.executeBlocking(() -> payments.work().read("payment",
                tx -> visibleOrder(tx, user, orderId)), false));
    }

    private void receipt(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long orderId = AlertRoutes.id(ctx, "orderId");
        Responses.json(ctx, vertx.executeBlocking(() -> payments.work().read("receipt", tx -> {
            visibleOrder(tx, user, orderId);
            return payments.receipt(tx, orderId).orElseThrow(
                    () -> new ClientError(ClientError.CONFLICT, "payment " + orderId + " is not paid: no receipt yet"));
        }), false));
    }

    private void mine(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        if (!user.has(Role.RESIDENT)) {
            throw ClientError.forbidden(user.username() + " is not a resident: these are a household's own payments");
        }
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            ListRequest page = orders.request(params, clock.instant(), Long.class);
            List<PaymentOrder> rows = payments.work().read("payments", tx -> payments.ofHouseholds(tx,
                    Households.ofUser(tx, user.username(), today()).stream().map(m -> m.household().id()).toList(),
                    page.afterId(), page.fetchSize()));
            return page.page(rows, o -> new Object[] {o.id()});
        }, false));
    }

    private void ofCommunity(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        String communityId = ctx.pathParam("communityId");
        Function<String, String> params = AlertRoutes.params(ctx);
        Responses.json(ctx, vertx.executeBlocking(() -> {
            BillingAccess.requireReader(user, registry, communityId);
            ListRequest page = orders.request(params, clock.instant(), Long.class);
            List<PaymentOrder> rows = payments.work().read("payments",
                    tx -> payments.ofCommunity(tx, communityId, page.afterId(), page.fetchSize()));
            return page.page(rows, o -> new Object[] {o.id()});
        }, false));
    }

    /** Returns the invoice when the user may see and pay it (a credit note is not paid). */
    Invoice visibleInvoice(UnitOfWork.Tx tx, Principal user, long invoiceId) throws java.sql.SQLException {
        String what = "invoice " + invoiceId;
        Invoice invoice = Invoices.get(tx, invoiceId).orElseThrow(() -> PaymentAccess.missing(user, what));
        PaymentAccess.requireVisible(tx, user, registry, invoice.communityId(), invoice.householdId(), today(), what);
        return invoice;
    }

    private PaymentOrder visibleOrder(UnitOfWork.Tx tx, Principal user, long orderId) throws java.sql.SQLException {
        String what = "payment " + orderId;
        PaymentOrder order = payments.order(tx, orderId).orElseThrow(() -> PaymentAccess.missing(user, what));
        PaymentAccess.requireVisible(tx, user, registry, order.communityId(), order.householdId(), today(), what);
        return order;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }
}
