package org.anju.platform.api;

import java.util.Map;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.audit.AuditLog;
import org.anju.platform.auth.Principal;
import org.anju.platform.billing.Invoice;
import org.anju.platform.billing.Invoices;
import org.anju.platform.ledger.Fen;
import org.anju.platform.payments.PaymentOrder;
import org.anju.platform.payments.Payments;
import org.anju.platform.payments.Refund;
import org.anju.platform.registry.DeviceRegistry;

/**
 * Staff's money routes (property administrators of the community, platform administrators; each
 * change in the audit log): record cash or a bank transfer against an invoice (idempotent by the
 * client's key), refund part or all of a payment, and apply a household's credit to an invoice.
 */
final class PaymentStaffRoutes {

    /** The header of the client's idempotency key (or the body field {@code idempotencyKey}). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final Payments payments;

    PaymentStaffRoutes(Vertx vertx, DeviceRegistry registry, Payments payments) {
        this.vertx = vertx;
        this.registry = registry;
        this.payments = payments;
    }

    void mount(Router router, Handler<RoutingContext> authenticated) {
        router.post("/api/v1/invoices/:invoiceId/manual-payments").handler(authenticated).handler(this::manual);
        router.post("/api/v1/invoices/:invoiceId/credit-applications").handler(authenticated).handler(this::credit);
        router.post("/api/v1/payments/:orderId/refunds").handler(authenticated).handler(this::refund);
    }

    private void manual(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long invoiceId = AlertRoutes.id(ctx, "invoiceId");
        JsonObject body = AlertRoutes.body(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "payment.recorded", null);
        String key = key(ctx, body, true);
        long amount = Fen.parse("field 'amountFen'", body.getValue("amountFen"));
        String method = text(body, "method", true);
        String reference = text(body, "reference", false);
        vertx.executeBlocking(() -> payments.work().inTransaction("manual payment", tx -> {
            Invoice invoice = adminInvoice(tx, user, invoiceId);
            Payments.Recorded recorded = payments.recordManual(tx, invoice, method, amount, key, reference,
                    user.username());
            if (!recorded.replayed()) {
                AuditLog.write(tx, audit.about("payment:" + recorded.order().id())
                        .with("communityId", invoice.communityId()).with("invoiceId", invoiceId)
                        .with("method", method).with("amountFen", amount).with("reference", reference));
            }
            return recorded;
        }), false).onSuccess(r -> Responses.json(ctx, r.replayed() ? 200 : 201, r.order())).onFailure(ctx::fail);
    }

    private void credit(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long invoiceId = AlertRoutes.id(ctx, "invoiceId");
        AuditEntry audit = AuthRoutes.audit(ctx, "payment.credit_applied", "invoice:" + invoiceId);
        Responses.json(ctx, vertx.executeBlocking(() -> payments.work().inTransaction("credit", tx -> {
            Invoice invoice = adminInvoice(tx, user, invoiceId);
            long applied = payments.applyCredit(tx, invoice);
            AuditLog.write(tx, audit.with("communityId", invoice.communityId()).with("appliedFen", applied));
            return Map.of("invoiceId", invoiceId, "appliedFen", applied, "openFen", payments.openFen(tx, invoiceId),
                    "creditFen", payments.creditFen(tx, invoice.communityId(), invoice.householdId()));
        }), false));
    }

    private void refund(RoutingContext ctx) {
        Principal user = AuthRoutes.principal(ctx);
        long orderId = AlertRoutes.id(ctx, "orderId");
        JsonObject body = AlertRoutes.body(ctx);
        AuditEntry audit = AuthRoutes.audit(ctx, "payment.refunded", "payment:" + orderId);
        String given = key(ctx, body, false);
        // a refund's key is the client's for this payment
        String key = given == null ? null : "payment:" + orderId + ":" + given;
        String reason = text(body, "reason", true);
        Long amount = body.getValue("amountFen") == null ? null : Fen.parse("field 'amountFen'", body.getValue("amountFen"));
        vertx.executeBlocking(() -> payments.work().inTransaction("refund", tx -> {
            PaymentOrder order = payments.order(tx, orderId)
                    .orElseThrow(() -> PaymentAccess.missing(user, "payment " + orderId));
            BillingAccess.requireAdministrator(user, registry, order.communityId());
            long asked = amount == null ? order.amountFen() - order.refundedFen() : amount;
            if (amount == null && asked == 0) {
                throw new ClientError(ClientError.CONFLICT, "payment " + orderId + " is refunded in full already");
            }
            Refund refund = payments.refund(tx, orderId, asked, reason, key, user.username());
            AuditLog.write(tx, audit.with("communityId", order.communityId()).with("amountFen", refund.amountFen())
                    .with("invoiceFen", refund.invoiceFen()).with("creditFen", refund.creditFen()).with("reason", reason));
            return refund;
        }), false).onSuccess(r -> Responses.json(ctx, 201, r)).onFailure(ctx::fail);
    }

    private Invoice adminInvoice(org.anju.platform.storage.UnitOfWork.Tx tx, Principal user, long invoiceId)
            throws java.sql.SQLException {
        Invoice invoice = Invoices.get(tx, invoiceId)
                .orElseThrow(() -> PaymentAccess.missing(user, "invoice " + invoiceId));
        BillingAccess.requireAdministrator(user, registry, invoice.communityId());
        return invoice;
    }

    /** Reads the client's idempotency key from the header, else the body. */
    private static String key(RoutingContext ctx, JsonObject body, boolean required) {
        String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
        if (key == null) {
            key = text(body, "idempotencyKey", false);
        }
        if (key == null && !required) {
            return null;
        }
        if (key == null || key.isBlank() || key.length() > 100) {
            throw ClientError.badRequest("an idempotency key of 1 to 100 characters is required: header "
                    + IDEMPOTENCY_KEY + " or field 'idempotencyKey'");
        }
        return key;
    }

    private static String text(JsonObject body, String field, boolean required) {
        Object value = body.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > 500) {
            throw ClientError.badRequest("field '" + field + "' must be text of 1 to 500 characters");
        }
        return text;
    }
}
