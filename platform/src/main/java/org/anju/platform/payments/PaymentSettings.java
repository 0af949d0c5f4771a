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
 */
public record PaymentSettings(Duration callbackWindow, Duration orderExpiry, boolean sandboxEnabled,
        String sandboxKey, String sandboxCallbackUrl) {
}
