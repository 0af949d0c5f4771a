package org.anju.platform.api;

import java.util.Optional;

import org.anju.platform.payments.Payments;
import org.anju.platform.payments.SandboxPayer;

/**
 * What the payment routes serve from: the payments on the request pool and, when the sandbox
 * provider is enabled, its payer.
 */
public record PaymentServices(Payments payments, Optional<SandboxPayer> sandboxPayer) {
}
