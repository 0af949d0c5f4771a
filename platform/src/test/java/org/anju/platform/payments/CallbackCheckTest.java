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
 * replayed callbacks refused at their exact boundaries; the amount against the order; and how a
 * payment applies to an invoice (partial, exact, overpayment as credit).
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

    private Verdict check(SignedCallback callback, Instant now) {
        return CallbackCheck.check(KEY, callback, now, FIVE_MINUTES, nonce -> !nonces.add(nonce));
    }
}
