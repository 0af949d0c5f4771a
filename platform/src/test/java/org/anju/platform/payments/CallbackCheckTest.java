package org.anju.platform.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.anju.platform.payments.CallbackCheck.Verdict;

/**
 * The checks of payment callbacks: a signature over timestamp, nonce and body; forged, late and
 * replayed callbacks refused at their exact boundaries; the amount against the order; how a
 * payment applies to an invoice (partial, exact, overpayment as credit); what a callback reports
 * (paid, or failed with a reason); the budget's windows and the cut of refused bodies.
 */
class CallbackCheckTest {

    private static final String KEY = "sandbox-key-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration FIVE_MINUTES = CallbackCheck.DEFAULT_TOLERANCE;
    private final SandboxProvider sandbox = new SandboxProvider(KEY, "/api/v1/payments/sandbox");
    private final Set<String> nonces = new HashSet<>();

    @Test
    void theSandboxsCallbackIsAcceptedOnceAndItsReplayRefused() {
        SignedCallback paid = sandbox.paid("ord_1", 12_345, NOW);

        assertThat(check(paid, NOW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(paid, NOW.plusSeconds(1))).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void aChangedBodyTimestampOrNonceOrAnotherKeyIsForged() {
        SignedCallback paid = sandbox.paid("ord_1", 12_345, NOW);

        assertThat(check(new SignedCallback(paid.body().replace("12345", "99999"), paid.timestamp(), paid.nonce(),
                paid.signatureHex()), NOW)).isEqualTo(Verdict.FORGED);
        assertThat(check(new SignedCallback(paid.body(), paid.timestamp() + 1, paid.nonce(), paid.signatureHex()), NOW))
                .isEqualTo(Verdict.FORGED);
        assertThat(check(new SignedCallback(paid.body(), paid.timestamp(), "other", paid.signatureHex()), NOW))
                .isEqualTo(Verdict.FORGED);
        assertThat(check(new SandboxProvider("another-key-000000000000", "/x").paid("ord_1", 12_345, NOW), NOW))
                .isEqualTo(Verdict.FORGED);
        assertThat(nonces).as("forged callbacks never reach the nonce store").isEmpty();
    }

    @Test
    void aCallbackMoreThanFiveMinutesOffOurClockIsLateEitherWay() {
        assertThat(check(sandbox.paid("ord_1", 1, NOW.minus(FIVE_MINUTES)), NOW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(sandbox.paid("ord_1", 1, NOW.plus(FIVE_MINUTES)), NOW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(sandbox.paid("ord_1", 1, NOW.minus(FIVE_MINUTES).minusSeconds(1)), NOW)).isEqualTo(Verdict.LATE);
        assertThat(check(sandbox.paid("ord_1", 1, NOW.plus(FIVE_MINUTES).plusSeconds(1)), NOW)).isEqualTo(Verdict.LATE);
    }

    @Test
    void theAmountMustBeTheOrders() {
        assertThat(CallbackCheck.amount(12_345, 12_345)).isEqualTo(Verdict.ACCEPTED);
        assertThat(CallbackCheck.amount(12_345, 12_344)).isEqualTo(Verdict.AMOUNT_MISMATCH);
    }

    @Test
    void aPaymentPaysTheOpenAmountAndTheRestBecomesCredit() {
        assertThat(Allocation.of(10_000, 4_000)).isEqualTo(new Allocation(4_000, 0, false));
        assertThat(Allocation.of(6_000, 6_000)).isEqualTo(new Allocation(6_000, 0, true));
        assertThat(Allocation.of(6_000, 7_001)).isEqualTo(new Allocation(6_000, 1_001, true));
        assertThat(Allocation.of(0, 500)).isEqualTo(new Allocation(0, 500, true));
        assertThatThrownBy(() -> Allocation.of(100, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCheckoutPointsAtTheSandboxPayPage() {
        PaymentProvider.Checkout checkout = sandbox.checkout("ord_7", 500, "rent");

        assertThat(checkout.qrContent()).isEqualTo("anju-sandbox://pay?order=ord_7&amountFen=500");
        assertThat(checkout.redirectUrl()).isEqualTo("/api/v1/payments/sandbox/ord_7/pay");
    }

    @Test
    void aCallbackReportsAPaymentOrAFailureWithItsReason() {
        assertThat(Notification.parse(sandbox.paid("17", 500, NOW).body())).hasValueSatisfying(n -> {
            assertThat(n.orderId()).isEqualTo(17);
            assertThat(n.amountFen()).isEqualTo(500);
            assertThat(n.failed()).isFalse();
        });
        assertThat(sandbox.notification(sandbox.failed("17", 500, "card declined", NOW).body()))
                .hasValueSatisfying(n -> {
                    assertThat(n.failed()).isTrue();
                    assertThat(n.failureReason()).isEqualTo("card declined");
                    assertThat(n.transactionId()).startsWith("sbx_");
                });
        String head = "{\"orderId\": 17, \"amountFen\": 500, \"providerTransactionId\": \"t\"";
        assertThat(Notification.parse(head + ", \"result\": \"success\"}")).isPresent();
        assertThat(Notification.parse(head + ", \"result\": \"failure\"}")).as("a failure without its reason")
                .isEmpty();
        assertThat(Notification.parse(head + ", \"result\": \"failure\", \"failureReason\": \"\"}")).isEmpty();
        assertThat(Notification.parse(head + ", \"result\": \"failure\", \"failureReason\": \"" + "r".repeat(201)
                + "\"}")).isEmpty();
        assertThat(Notification.parse(head + ", \"result\": \"refunded\"}")).isEmpty();
        assertThat(Notification.parse(head + ", \"failureReason\": \"a reason without a failure\"}")).isEmpty();
        assertThat(Notification.parse("[1, 2]")).isEmpty();
        assertThat(Notification.parse("not json")).isEmpty();
    }

    @Test
    void budgetWindowsStartAtMultiplesOfTheirLengthFromTheEpoch() {
        Duration minute = Duration.ofMinutes(1);
        assertThat(CallbackCheck.windowStart(Instant.parse("2026-12-05T12:03:59.999Z"), minute))
                .isEqualTo(Instant.parse("2026-12-05T12:03:00Z"));
        assertThat(CallbackCheck.windowStart(Instant.parse("2026-12-05T12:04:00Z"), minute))
                .isEqualTo(Instant.parse("2026-12-05T12:04:00Z"));
        assertThat(CallbackCheck.windowStart(Instant.parse("2026-12-05T12:04:00Z"), Duration.ofDays(1)))
                .isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
    }

    @Test
    void aRefusedBodyIsCutToItsBytesWithoutSplittingACharacter() {
        assertThat(CallbackCheck.cut("abc", 3)).isEqualTo("abc");
        assertThat(CallbackCheck.cut("abcd", 3)).isEqualTo("abc");
        // 安 and 居 are three bytes each in UTF-8
        assertThat(CallbackCheck.cut("安居", 6)).isEqualTo("安居");
        assertThat(CallbackCheck.cut("安居", 5)).isEqualTo("安");
        assertThat(CallbackCheck.cut("a安居", 3)).isEqualTo("a");
        assertThat(CallbackCheck.cut("x".repeat(10_000), CallbackLog.MAX_REFUSED_BODY_BYTES)).hasSize(4_096);
    }

    @Test
    void onlySettledDuplicateAndFailedCallbacksAreAccepted() {
        assertThat(CallbackCheck.ACCEPTED_OUTCOMES).containsExactlyInAnyOrder("settled", "duplicate", "failed");
        for (Verdict verdict : Verdict.values()) {
            assertThat(CallbackCheck.ACCEPTED_OUTCOMES.contains(verdict.wireName())).as(verdict.wireName()).isFalse();
        }
    }

    private Verdict check(SignedCallback callback, Instant now) {
        return CallbackCheck.check(KEY, callback, now, FIVE_MINUTES, nonce -> !nonces.add(nonce));
    }
}
