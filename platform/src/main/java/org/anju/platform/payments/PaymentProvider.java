package org.anju.platform.payments;

import java.util.Optional;

/**
 * A payment provider (the SPI): makes the data a payer's app or browser needs for an order (a QR
 * code's content or a redirect URL), and names the key its callbacks are signed with. The sandbox
 * provider ({@link SandboxProvider}) exercises the whole flow without money.
 */
public interface PaymentProvider {

    /** Returns the provider's name, as stored with each order ({@code sandbox}, …). */
    String name();

    /**
     * Returns what the payer needs to pay the order.
     *
     * @param orderId   our order's id, which the provider echoes in its callback
     * @param amountFen what to pay, in fen
     * @param subject   what is paid for, shown to the payer
     */
    Checkout checkout(String orderId, long amountFen, String subject);

    /** Returns the key the provider signs its callbacks with (decrypted from the store; never logged). */
    String callbackKey();

    /**
     * Reads what a callback's verified body reports: a payment made or, with the provider's reason,
     * failed; empty when the body is malformed. The default reads the platform's own body
     * ({@link Notification#parse}); a provider whose notifications differ overrides it.
     */
    default Optional<Notification> notification(String body) {
        return Notification.parse(body);
    }

    /**
     * What the payer needs.
     *
     * @param qrContent   the content of a QR code to scan with the provider's app
     * @param redirectUrl a page to open instead, on the payer's phone
     */
    record Checkout(String qrContent, String redirectUrl) {
    }
}
