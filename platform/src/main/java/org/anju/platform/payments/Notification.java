package org.anju.platform.payments;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.platform.Json;

/**
 * What a provider's signed callback reports (the SPI's callback body, docs/billing.md "Providers and
 * the sandbox"): JSON {@code {"orderId", "amountFen", "providerTransactionId", "result",
 * "failureReason"}}. {@code result} is {@code success} (also when left out) or {@code failure}, which
 * needs the provider's {@code failureReason}.
 *
 * @param orderId       our order's id, echoed by the provider
 * @param amountFen     what was paid (or, for a failure, what was asked)
 * @param transactionId the provider's id of the payment (attempt)
 * @param failureReason the provider's reason when the payment failed; null when it succeeded
 */
public record Notification(long orderId, long amountFen, String transactionId, String failureReason) {

    /** The longest transaction id and failure reason taken. */
    public static final int MAX_TEXT = 200;

    /** Returns whether the provider reports a failed payment. */
    public boolean failed() {
        return failureReason != null;
    }

    /** Reads a callback body; empty when it is not the shape above. */
    public static Optional<Notification> parse(String body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            JsonNode order = json.path("orderId");
            JsonNode amount = json.path("amountFen");
            long orderId = order.isIntegralNumber() ? order.asLong() : order.isTextual() ? Long.parseLong(order.asText()) : -1;
            Optional<String> transaction = text(json.path("providerTransactionId"));
            if (orderId <= 0 || !amount.isIntegralNumber() || !amount.canConvertToLong() || transaction.isEmpty()) {
                return Optional.empty();
            }
            String result = json.path("result").asText("success");
            if (result.equals("success") && json.path("failureReason").isMissingNode()) {
                return Optional.of(new Notification(orderId, amount.asLong(), transaction.get(), null));
            }
            Optional<String> reason = text(json.path("failureReason"));
            if (!result.equals("failure") || reason.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Notification(orderId, amount.asLong(), transaction.get(), reason.get()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() && node.asText().length() <= MAX_TEXT
                ? Optional.of(node.asText()) : Optional.empty();
    }
}
