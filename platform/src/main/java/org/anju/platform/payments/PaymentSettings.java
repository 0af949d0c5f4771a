package org.anju.platform.payments;

import java.time.Duration;

/**
 * The {@code payments:} settings (docs/billing.md "Payments").
 *
 * @param callbackWindow   how far a callback's timestamp may be from our clock, either way
 * @param orderExpiry      how long a created order waits for its payment before it shows as expired
 * @param sandboxEnabled   whether the sandbox provider and its payer endpoint exist (off in production)
 * @param sandboxKey       the sandbox's callback key; empty: generated once and kept in the data folder
 * @param sandboxCallbackUrl where the sandbox delivers its callbacks; empty: this platform's own API
 * @param refused          how many refused callbacks are stored, and for how long
 */
public record PaymentSettings(Duration callbackWindow, Duration orderExpiry, boolean sandboxEnabled,
        String sandboxKey, String sandboxCallbackUrl, RefusedCallbacks refused) {

    /**
     * The {@code payments.refusedCallbacks} settings: a flood of forged or otherwise refused
     * callbacks is counted, not stored, beyond a budget, and what is stored is deleted after a while.
     *
     * @param budget    refused callbacks stored whole per provider and window; the rest are only counted
     * @param window    the length of a budget's window (windows start at multiples of it from the epoch)
     * @param retention how long stored refused callbacks are kept (accepted ones are kept: money records)
     */
    public record RefusedCallbacks(int budget, Duration window, Duration retention) {
    }

    /** Returns these settings with the sandbox provider turned on (the demo). */
    public PaymentSettings withSandboxEnabled() {
        return new PaymentSettings(callbackWindow, orderExpiry, true, sandboxKey, sandboxCallbackUrl, refused);
    }
}
