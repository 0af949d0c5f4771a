package org.anju.platform.payments;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import org.anju.error.ClientError;
import org.anju.platform.billing.Invoice;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.storage.UnitOfWork;

/**
 * Payments of invoices (docs/billing.md "Payments"): orders through a provider and their checkout,
 * providers' callbacks and settlement, cash and bank transfers recorded by staff, refunds, household
 * credit and receipts. The methods that take a {@code Tx} run in the caller's transaction (the
 * routes check who may act before they call); callers have checked who may do it.
 */
public final class Payments {

    private final UnitOfWork work;
    private final Settlement settlement;
    private final Map<String, PaymentProvider> providers;
    private final Callbacks callbacks;
    private final PaymentSettings settings;
    private final Clock clock;

    private Payments(UnitOfWork work, Ledger ledger, PaymentSettings settings, Clock clock,
            List<PaymentProvider> providers, MeterRegistry meters) {
        this.work = work;
        this.settlement = new Settlement(ledger);
        this.providers = new LinkedHashMap<>();
        providers.forEach(p -> this.providers.put(p.name(), p));
        this.settings = settings;
        this.clock = clock;
        this.callbacks = new Callbacks(work, settlement, this.providers, settings, clock, meters);
    }

    /**
     * Returns the payments of the enabled providers over the unit of work.
     *
     * @param meters where {@code anju_payments_callbacks_total{provider, outcome, stored}} counts callbacks
     */
    public static Payments create(UnitOfWork work, Ledger ledger, PaymentSettings settings, Clock clock,
            List<PaymentProvider> providers, MeterRegistry meters) {
        return new Payments(work, ledger, settings, clock, providers, meters);
    }

    public UnitOfWork work() {
        return work;
    }

    public PaymentSettings settings() {
        return settings;
    }

    /** Returns the sandbox provider when it is enabled. */
    public Optional<SandboxProvider> sandbox() {
        return Optional.ofNullable(providers.get(SandboxProvider.NAME)).map(SandboxProvider.class::cast);
    }

    /** A new order and what the payer needs to pay it. */
    public record Created(PaymentOrder order, PaymentProvider.Checkout checkout) {
    }

    /**
     * Creates an order to pay the invoice through the provider.
     *
     * @param amountFen what to pay; null for what the invoice still owes (more than that becomes the
     *                  household's credit when it is paid)
     * @param provider  the provider's name; null for the first enabled one
     * @throws ClientError 400 for a provider that is not enabled or an amount ≤ 0; 409 when the
     *                     invoice owes nothing and no amount was given
     */
    public Created createOrder(UnitOfWork.Tx tx, Invoice invoice, Long amountFen, String provider, String by)
            throws SQLException {
        PaymentProvider chosen = provider(provider);
        long open = Settlement.openFen(tx, invoice.id()); // also refuses a credit note before money moves
        long amount = amountFen == null ? open : amountFen;
        if (amountFen == null && amount == 0) {
            throw Settlement.conflict("invoice " + invoice.id() + " owes nothing: give amountFen to pay more as credit");
        }
        requirePositive(amount);
        long id = OrderStore.insert(tx, new OrderStore.NewOrder(invoice.communityId(), invoice.householdId(),
                invoice.id(), chosen.name(), amount, null, by)).orElseThrow();
        PaymentOrder order = OrderStore.get(tx, id, expiredBefore()).orElseThrow();
        return new Created(order, chosen.checkout(Long.toString(id), amount, "invoice " + invoice.id()));
    }

    /** A cash or bank-transfer payment recorded by staff, and whether an earlier request made it. */
    public record Recorded(PaymentOrder order, boolean replayed) {
    }

    /**
     * Records cash taken or a bank transfer received for the invoice and settles it at once (ledger
     * debit {@code cash} or {@code bank}). The same idempotency key again answers the first payment.
     *
     * @param method    {@link PaymentOrder#CASH} or {@link PaymentOrder#BANK_TRANSFER}
     * @param key       the client's idempotency key, unique in the community
     * @param reference the receipt book's or the bank statement's reference, may be null
     * @throws ClientError 400 for another method or an amount ≤ 0; 409 when the key was used for
     *                     another invoice or amount
     */
    public Recorded recordManual(UnitOfWork.Tx tx, Invoice invoice, String method, long amountFen, String key,
            String reference, String by) throws SQLException {
        if (!PaymentOrder.CASH.equals(method) && !PaymentOrder.BANK_TRANSFER.equals(method)) {
            throw ClientError.badRequest("field 'method' must be cash or bank_transfer, got " + method);
        }
        requirePositive(amountFen);
        String scopedKey = "staff:" + invoice.communityId() + ":" + key;
        Optional<Long> id = OrderStore.insert(tx, new OrderStore.NewOrder(invoice.communityId(), invoice.householdId(),
                invoice.id(), method, amountFen, scopedKey, by));
        if (id.isEmpty()) {
            PaymentOrder earlier = OrderStore.byIdempotencyKey(tx, scopedKey, expiredBefore()).orElseThrow();
            if (earlier.invoiceId() == null || earlier.invoiceId() != invoice.id()
                    || earlier.amountFen() != amountFen
                    || !earlier.provider().equals(method)) {
                throw Settlement.conflict("Idempotency-Key '" + key + "' was used for payment " + earlier.id()
                        + " of another invoice, amount or method");
            }
            return new Recorded(earlier, true);
        }
        PaymentOrder order = OrderStore.lock(tx, id.get(), expiredBefore()).orElseThrow();
        settlement.settle(tx, order, reference == null ? "staff-" + id.get() : reference);
        return new Recorded(OrderStore.get(tx, id.get(), expiredBefore()).orElseThrow(), false);
    }

    /**
     * Refunds part or all of a settled order (credit first, then the invoice, which is open again by
     * the rest). The same idempotency key again answers the first refund.
     *
     * @param amountFen what to refund; null for all that is left to refund
     *
     * @throws ClientError 404 for an unknown order; 400 for an amount ≤ 0; 409 for an order not paid or
     *                     an amount above what is left to refund
     */
    public Refund refund(UnitOfWork.Tx tx, long orderId, Long amountFen, String reason, String key, String by)
            throws SQLException {
        if (key != null) {
            Optional<Refund> earlier = AllocationStore.refundByKey(tx, key);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        PaymentOrder order = OrderStore.lock(tx, orderId, expiredBefore())
                .orElseThrow(() -> ClientError.notFound("payment " + orderId + " not found"));
        long asked = amountFen == null ? order.amountFen() - order.refundedFen() : amountFen;
        if (amountFen == null && asked == 0) {
            throw Settlement.conflict("payment " + orderId + " is refunded in full already");
        }
        requirePositive(asked);
        return settlement.refund(tx, order, asked, reason, key, by);
    }

    /** Applies the household's credit to the invoice; returns the fen applied (409 when none can be). */
    public long applyCredit(UnitOfWork.Tx tx, Invoice invoice) throws SQLException {
        return settlement.applyCredit(tx, invoice);
    }

    /** Returns the household's credit in fen. */
    public long creditFen(UnitOfWork.Tx tx, String communityId, long householdId) throws SQLException {
        return settlement.creditFen(tx, communityId, householdId);
    }

    /** Returns what the invoice still owes after payments (credit notes are billing's). */
    public long openFen(UnitOfWork.Tx tx, long invoiceId) throws SQLException {
        return Settlement.openFen(tx, invoiceId);
    }

    public Optional<PaymentOrder> order(UnitOfWork.Tx tx, long orderId) throws SQLException {
        return OrderStore.get(tx, orderId, expiredBefore());
    }

    /** Returns a page of the households' orders, newest first, below {@code beforeId}. */
    public List<PaymentOrder> ofHouseholds(UnitOfWork.Tx tx, List<Long> householdIds, long beforeId, int limit)
            throws SQLException {
        return OrderStore.page(tx, householdIds, null, beforeId, limit, expiredBefore());
    }

    /** Returns a page of the community's orders, newest first, below {@code beforeId}. */
    public List<PaymentOrder> ofCommunity(UnitOfWork.Tx tx, String communityId, long beforeId, int limit)
            throws SQLException {
        return OrderStore.page(tx, null, communityId, beforeId, limit, expiredBefore());
    }

    /** Returns the receipt of a settled order. */
    public Optional<Receipt> receipt(UnitOfWork.Tx tx, long orderId) throws SQLException {
        return OrderStore.receipt(tx, orderId);
    }

    /**
     * Receives a provider's callback (no session: the signature authenticates it).
     *
     * @throws ClientError as {@code Callbacks.receive}: 401 forged, 400 late, malformed or unknown
     *                     order, 409 replayed, amount mismatch or a failure reported for a paid order,
     *                     404 provider not enabled
     */
    public CallbackCheck.Verdict receive(String provider, SignedCallback callback) {
        return callbacks.receive(provider, callback);
    }

    private PaymentProvider provider(String name) {
        if (name == null) {
            return providers.values().stream().findFirst().orElseThrow(
                    () -> Settlement.conflict("no payment provider is enabled (payments.sandbox.enabled is false "
                            + "and no other provider is configured)"));
        }
        PaymentProvider provider = providers.get(name);
        if (provider == null) {
            throw ClientError.badRequest("field 'provider' must be one of " + providers.keySet() + ", got " + name);
        }
        return provider;
    }

    private static void requirePositive(long amountFen) {
        if (amountFen <= 0) {
            throw ClientError.badRequest("field 'amountFen' must be a positive whole number of fen, got " + amountFen);
        }
    }

    private Instant expiredBefore() {
        return clock.instant().minus(settings.orderExpiry());
    }
}
