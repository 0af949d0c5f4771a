package org.anju.platform.payments;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.error.ClientError;
import org.anju.platform.Json;
import org.anju.platform.storage.UnitOfWork;

/**
 * Receives providers' signed callbacks: checks signature, time and nonce ({@link CallbackCheck}),
 * then the order and the amount, logs every callback with its verdict in {@code payment_callbacks},
 * and settles the order in the same transaction as the nonce and the log row. A second callback for
 * a paid order (a redelivery with a fresh nonce) is a {@code duplicate}: answered 200, nothing paid
 * again; concurrent ones queue on the order's row lock.
 */
final class Callbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private final UnitOfWork work;
    private final Settlement settlement;
    private final Map<String, PaymentProvider> providers;
    private final PaymentSettings settings;
    private final Clock clock;

    Callbacks(UnitOfWork work, Settlement settlement, Map<String, PaymentProvider> providers, PaymentSettings settings,
            Clock clock) {
        this.work = work;
        this.settlement = settlement;
        this.providers = providers;
        this.settings = settings;
        this.clock = clock;
    }

    /** The body a provider signs: the order, what was paid, the provider's id of the payment. */
    private record Claim(long orderId, long amountFen, String transactionId) {
    }

    /**
     * Checks, logs and (when accepted) settles a callback.
     *
     * @return the verdict: {@code settled} or {@code duplicate} (both mean the order is paid)
     * @throws ClientError 404 for a provider that is not enabled; 401 forged; 400 late, malformed or
     *                     for an unknown order; 409 replayed nonce or amount mismatch (all logged)
     */
    CallbackCheck.Verdict receive(String providerName, SignedCallback callback) {
        PaymentProvider provider = providers.get(providerName);
        if (provider == null) {
            LOG.warn("Payment callback for a provider that is not enabled refused [provider: {}]",
                    providerName.length() > 40 ? providerName.substring(0, 40) : providerName);
            throw ClientError.notFound("payment provider '" + providerName + "' is not enabled");
        }
        CallbackCheck.Verdict verdict = CallbackCheck.check(provider.callbackKey(), callback, clock.instant(),
                settings.callbackWindow(), nonce -> false);
        Optional<Claim> claim = claim(callback.body());
        Long claimed = claim.map(Claim::orderId).orElse(null);
        String outcome = work.inTransaction("payment callback", tx -> {
            if (verdict != CallbackCheck.Verdict.ACCEPTED) {
                return logged(tx, providerName, callback, claimed, verdict.wireName());
            }
            if (claim.isEmpty()) {
                return logged(tx, providerName, callback, null, "malformed");
            }
            if (!OrderStore.firstUseOfNonce(tx, providerName, callback.nonce())) {
                return logged(tx, providerName, callback, claimed, "replayed");
            }
            Optional<PaymentOrder> order = OrderStore.lock(tx, claimed, clock.instant().minus(settings.orderExpiry()));
            if (order.isEmpty() || !order.get().provider().equals(providerName)) {
                return logged(tx, providerName, callback, claimed, "unknown_order");
            }
            if (CallbackCheck.amount(order.get().amountFen(), claim.get().amountFen()) != CallbackCheck.Verdict.ACCEPTED) {
                return logged(tx, providerName, callback, claimed, "amount_mismatch");
            }
            if (order.get().settled()) {
                return logged(tx, providerName, callback, claimed, "duplicate");
            }
            // an expired order is still settled: the provider took the payer's money
            settlement.settle(tx, order.get(), claim.get().transactionId());
            return logged(tx, providerName, callback, claimed, "settled");
        });
        return answer(providerName, claimed, claim, outcome);
    }

    private static String logged(UnitOfWork.Tx tx, String provider, SignedCallback callback, Long orderId,
            String verdict) throws SQLException {
        OrderStore.logCallback(tx, provider, callback, orderId, verdict);
        return verdict;
    }

    private static CallbackCheck.Verdict answer(String provider, Long orderId, Optional<Claim> claim, String outcome) {
        switch (outcome) {
            case "settled" -> {
                LOG.info("Payment settled [provider: {}, order: {}, amountFen: {}]", provider, orderId,
                        claim.orElseThrow().amountFen());
                return CallbackCheck.Verdict.ACCEPTED;
            }
            case "duplicate" -> {
                LOG.info("Payment callback for a paid order: nothing paid again [provider: {}, order: {}]", provider,
                        orderId);
                return CallbackCheck.Verdict.ACCEPTED;
            }
            default -> LOG.warn("Payment callback refused [provider: {}, order: {}, verdict: {}]", provider, orderId,
                    outcome);
        }
        throw switch (outcome) {
            case "forged" -> ClientError.unauthorized("callback signature does not verify with the provider's key");
            case "late" -> ClientError.badRequest("callback timestamp is outside the window of the platform's clock");
            case "malformed" -> ClientError.badRequest("callback body must be JSON with orderId (whole number), "
                    + "amountFen (whole number) and providerTransactionId (text)");
            case "replayed" -> Settlement.conflict("callback nonce was used before: a replay");
            case "unknown_order" -> ClientError.badRequest("orderId: no payment order " + orderId + " of this provider");
            default -> Settlement.conflict("amountFen: the callback's " + claim.orElseThrow().amountFen()
                    + " fen is not the order's amount");
        };
    }

    private static Optional<Claim> claim(String body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            JsonNode order = json.path("orderId");
            JsonNode amount = json.path("amountFen");
            JsonNode transaction = json.path("providerTransactionId");
            long orderId = order.isIntegralNumber() ? order.asLong() : order.isTextual() ? Long.parseLong(order.asText()) : -1;
            if (orderId <= 0 || !amount.isIntegralNumber() || !amount.canConvertToLong() || !transaction.isTextual()
                    || transaction.asText().isEmpty() || transaction.asText().length() > 200) {
                return Optional.empty();
            }
            return Optional.of(new Claim(orderId, amount.asLong(), transaction.asText()));
        } catch (java.io.IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
