package org.anju.platform.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.StartupException;
import org.anju.platform.config.KeyFiles;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.payments.PaymentProvider;
import org.anju.platform.payments.PaymentSettings;
import org.anju.platform.payments.Payments;
import org.anju.platform.payments.SandboxPayer;
import org.anju.platform.payments.SandboxProvider;
import org.anju.platform.storage.UnitOfWork;

/**
 * What the payment routes serve from: the payments on the request pool and, when the sandbox
 * provider is enabled, its payer.
 */
public record PaymentServices(Payments payments, Optional<SandboxPayer> sandboxPayer) {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentServices.class);

    /**
     * Creates the payments of the enabled providers: the sandbox when {@code payments.sandbox.enabled}
     * (a real provider is added to the list here).
     *
     * @param httpPort the API's port once it listens, where the sandbox delivers its callbacks by default
     * @param meters   where callbacks are counted
     * @throws StartupException when the sandbox's generated key cannot be read or written
     */
    public static PaymentServices of(PaymentSettings settings, Path dataDir, UnitOfWork requests, Clock clock,
            IntSupplier httpPort, MeterRegistry meters) {
        List<PaymentProvider> providers = new ArrayList<>();
        Optional<SandboxPayer> payer = Optional.empty();
        if (settings.sandboxEnabled()) {
            SandboxProvider sandbox = new SandboxProvider(sandboxKey(settings, dataDir), "/api/v1/payments/sandbox");
            providers.add(sandbox);
            payer = Optional.of(new SandboxPayer(sandbox, () -> settings.sandboxCallbackUrl().isEmpty()
                    ? "http://127.0.0.1:" + httpPort.getAsInt() : settings.sandboxCallbackUrl(), clock));
            LOG.warn("Sandbox payments are enabled: they move no money, and anyone who may pay an invoice can "
                    + "mark it paid with them; production sets payments.sandbox.enabled to false");
        }
        return new PaymentServices(Payments.create(requests, Ledger.create(), settings, clock, providers,
                meters), payer);
    }

    /** Returns the configured sandbox key, else the one generated once and kept in the data folder. */
    private static String sandboxKey(PaymentSettings settings, Path dataDir) {
        if (!settings.sandboxKey().isEmpty()) {
            return settings.sandboxKey();
        }
        try {
            return Base64.getEncoder().encodeToString(KeyFiles.load("", "payments.sandbox.key",
                    dataDir.resolve("sandbox-payment-key"), 32));
        } catch (IOException e) {
            throw new StartupException("cannot read or create the sandbox payment key in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }
}
