package org.anju.platform.payments;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.platform.storage.UnitOfWork;

/**
 * Receives providers' signed callbacks: checks signature, time and nonce ({@link CallbackCheck}),
 * then the order and the amount, and settles the order, or marks it failed when the provider reports
 * a failed payment, in the same transaction as the nonce and the callback's log row. A second
 * callback for a paid order (a redelivery with a fresh nonce) is a {@code duplicate}: answered 200,
 * nothing paid again; concurrent ones queue on the order's row lock.
 * <p>
 * The endpoint is open to anyone, so refused callbacks are stored only within the provider's budget
 * per window ({@code payments.refusedCallbacks}) and counted beyond it ({@link CallbackLog}), and so
 * is their warning; accepted ones are always stored whole.
 */
final class Callbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);
    private static final int MAX_NONCE = 200;

    private final UnitOfWork work;
    private final Settlement settlement;
    private final Map<String, PaymentProvider> providers;
    private final PaymentSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private Instant unknownProviderWindow = Instant.EPOCH;
    private long unknownProviderCount;

    Callbacks(UnitOfWork work, Settlement settlement, Map<String, PaymentProvider> providers, PaymentSettings settings,
            Clock clock, MeterRegistry meters) {
        this.work = work;
        this.settlement = settlement;
        this.providers = providers;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** A callback's outcome and, for a refused one, how many of its kind its window did not store (0: stored). */
    private record Logged(String outcome, long notStored) {
    }

    /**
     * Checks, logs and (when accepted) settles a callback or records the payment's failure.
     *
     * @return {@link CallbackCheck.Verdict#ACCEPTED}: the order is paid ({@code settled}, {@code duplicate})
     *         or failed ({@code failed}, {@code duplicate})
     * @throws ClientError 404 for a provider that is not enabled; 401 forged; 400 late, malformed or
     *                     for an unknown order; 409 replayed nonce, amount mismatch or a failure
     *                     reported for a paid order (all logged)
     */
    CallbackCheck.Verdict receive(String providerName, SignedCallback callback) {
        PaymentProvider provider = providers.get(providerName);
        if (provider == null) {
            unknownProvider(providerName);
            throw ClientError.notFound("payment provider '" + providerName + "' is not enabled");
        }
        Instant now = clock.instant();
        CallbackCheck.Verdict verdict = CallbackCheck.check(provider.callbackKey(), callback, now,
                settings.callbackWindow(), nonce -> false);
        Optional<Notification> note = provider.notification(callback.body());
        Long claimed = note.map(Notification::orderId).orElse(null);
        Instant window = CallbackCheck.windowStart(now, settings.refused().window());
        Logged logged = work.inTransaction("payment callback", tx -> {
            String outcome = outcome(tx, providerName, verdict, callback, note);
            if (CallbackCheck.ACCEPTED_OUTCOMES.contains(outcome)) {
                CallbackLog.keep(tx, providerName, callback, claimed, outcome);
                return new Logged(outcome, 0);
            }
            return new Logged(outcome, CallbackLog.refuse(tx, providerName, callback, claimed, outcome, window,
                    settings.refused().budget()));
        });
        Counter.builder("anju.payments.callbacks").tag("provider", providerName).tag("outcome", logged.outcome())
                .tag("stored", Boolean.toString(logged.notStored() == 0))
                .description("payment callbacks received, by outcome; refused ones beyond the budget are not stored")
                .register(meters).increment();
        return answer(providerName, claimed, note, logged, window);
    }

    private String outcome(UnitOfWork.Tx tx, String providerName, CallbackCheck.Verdict verdict,
            SignedCallback callback, Optional<Notification> note) throws SQLException {
        if (verdict != CallbackCheck.Verdict.ACCEPTED) {
            return verdict.wireName();
        }
        if (note.isEmpty() || callback.nonce().isEmpty() || callback.nonce().length() > MAX_NONCE) {
            return "malformed";
        }
        if (!OrderStore.firstUseOfNonce(tx, providerName, callback.nonce())) {
            return "replayed";
        }
        Optional<PaymentOrder> order = OrderStore.lock(tx, note.get().orderId(),
                clock.instant().minus(settings.orderExpiry()));
        if (order.isEmpty() || !order.get().provider().equals(providerName)) {
            return "unknown_order";
        }
        if (CallbackCheck.amount(order.get().amountFen(), note.get().amountFen()) != CallbackCheck.Verdict.ACCEPTED) {
            return "amount_mismatch";
        }
        if (note.get().failed()) {
            return failure(tx, order.get(), note.get());
        }
        if (order.get().settled()) {
            return "duplicate";
        }
        // an expired or failed order is still settled: the provider took the payer's money
        settlement.settle(tx, order.get(), note.get().transactionId());
        return "settled";
    }

    /** A failure never un-pays: for a paid order it is refused; for a failed one it is a duplicate. */
    private static String failure(UnitOfWork.Tx tx, PaymentOrder order, Notification note) throws SQLException {
        if (order.settled()) {
            return "failure_for_paid";
        }
        if (order.status().equals("failed")) {
            return "duplicate";
        }
        OrderStore.markFailed(tx, order.id(), note.transactionId(), note.failureReason());
        return "failed";
    }

    private CallbackCheck.Verdict answer(String provider, Long orderId, Optional<Notification> note, Logged logged,
            Instant window) {
        String outcome = logged.outcome();
        switch (outcome) {
            case "settled" -> LOG.info("Payment settled [provider: {}, order: {}, amountFen: {}]", provider, orderId,
                    note.orElseThrow().amountFen());
            case "failed" -> LOG.info("Payment failed at the provider [provider: {}, order: {}, reason: {}]", provider,
                    orderId, note.orElseThrow().failureReason());
            case "duplicate" -> LOG.info("Payment callback repeats the order's outcome: nothing changed "
                    + "[provider: {}, order: {}]", provider, orderId);
            default -> refused(provider, orderId, logged, window);
        }
        if (CallbackCheck.ACCEPTED_OUTCOMES.contains(outcome)) {
            return CallbackCheck.Verdict.ACCEPTED;
        }
        throw switch (outcome) {
            case "forged" -> ClientError.unauthorized("callback signature does not verify with the provider's key");
            case "late" -> ClientError.badRequest("callback timestamp is outside the window of the platform's clock");
            case "malformed" -> ClientError.badRequest("callback body must be JSON with orderId (whole number), "
                    + "amountFen (whole number), providerTransactionId (text) and, for a failed payment, result "
                    + "\"failure\" and failureReason (text, up to " + Notification.MAX_TEXT + " characters), and its "
                    + "nonce 1 to " + MAX_NONCE + " characters");
            case "replayed" -> Settlement.conflict("callback nonce was used before: a replay");
            case "unknown_order" -> ClientError.badRequest("orderId: no payment order " + orderId + " of this provider");
            case "failure_for_paid" -> Settlement.conflict("payment " + orderId
                    + " is paid: a failure reported for it changes nothing (staff refund a payment)");
            default -> Settlement.conflict("amountFen: the callback's " + note.orElseThrow().amountFen()
                    + " fen is not the order's amount");
        };
    }

    /** Warns of each stored refusal, and once per window and verdict when refusals stop being stored. */
    private void refused(String provider, Long orderId, Logged logged, Instant window) {
        if (logged.notStored() == 0) {
            LOG.warn("Payment callback refused [provider: {}, order: {}, verdict: {}]", provider, orderId,
                    logged.outcome());
        } else if (logged.notStored() == 1) {
            LOG.warn("Refused payment callbacks over the budget: counted, not stored, until the window ends; "
                    + "a summary follows [provider: {}, verdict: {}, window: {}, budget: {}]", provider,
                    logged.outcome(), window, settings.refused().budget());
        }
    }

    /** Warns of callbacks for providers that are not enabled once per window, with how many came since. */
    private synchronized void unknownProvider(String name) {
        unknownProviderCount++;
        Instant window = CallbackCheck.windowStart(clock.instant(), settings.refused().window());
        if (!window.equals(unknownProviderWindow)) {
            LOG.warn("Payment callbacks for providers that are not enabled refused [count since the last line: {}, "
                    + "provider: {}]", unknownProviderCount, name.length() > 40 ? name.substring(0, 40) : name);
            unknownProviderWindow = window;
            unknownProviderCount = 0;
        }
    }
}
