package org.anju.platform.billing;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The billing settings of the platform ({@code billing.*} in {@code anju-defaults.yaml}).
 *
 * @param zone                        the local time of tariff dates, billing periods and due dates
 * @param defaults                    the tariff of each kind a community without its own has; kinds
 *                                    without a default (rent, property fee, EV) must be set per community
 * @param nonOwnerLeaseMaxMonths      the longest lease of a space to a non-owner (DOMAIN.md, e.g. 6)
 * @param commonAreaFundSharePercent  the share of common-area space income allocated to the
 *                                    maintenance fund (Civil Code 282)
 * @param invoiceDueDays              days from issue to an invoice's due date
 */
public record BillingSettings(ZoneId zone, Map<TariffKind, Tariff> defaults, int nonOwnerLeaseMaxMonths,
        int commonAreaFundSharePercent, int invoiceDueDays) {

    public BillingSettings {
        Objects.requireNonNull(zone, "zone");
        defaults = Map.copyOf(defaults);
        defaults.forEach((kind, tariff) -> {
            if (tariff.kind() != kind) {
                throw new IllegalArgumentException("default of " + kind + " is a " + tariff.kind());
            }
        });
    }

    /** Returns the default tariff of a kind, if there is one. */
    public Optional<Tariff> defaultOf(TariffKind kind) {
        return Optional.ofNullable(defaults.get(kind));
    }
}
