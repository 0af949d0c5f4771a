package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.anju.platform.billing.settings.BillingSettingsStore;
import org.anju.platform.billing.settings.CommunityBillingSettings;
import org.anju.platform.storage.UnitOfWork;

/**
 * The billing settings of the platform ({@code billing.*} in {@code anju-defaults.yaml}); a
 * community's own figures override them ({@link #of(UnitOfWork.Tx, String)}).
 *
 * @param zone                        the local time of tariff dates, billing periods and due dates
 * @param defaults                    the tariff of each kind a community without its own has; kinds
 *                                    without a default (rent, property fee, EV) must be set per community
 * @param nonOwnerLeaseMaxMonths      the longest lease of a space to a non-owner (DOMAIN.md, e.g. 6)
 * @param commonAreaFundSharePercent  the share of common-area space income allocated to the
 *                                    maintenance fund (Civil Code 282)
 * @param invoiceDueDays              days from issue to an invoice's due date
 * @param reminderDaysPastDue         days past the due date on which an overdue invoice is reminded
 */
public record BillingSettings(ZoneId zone, Map<TariffKind, Tariff> defaults, int nonOwnerLeaseMaxMonths,
        int commonAreaFundSharePercent, int invoiceDueDays, List<Integer> reminderDaysPastDue) {

    /** The reminder steps of {@code anju-defaults.yaml}, for settings made in code (tests, tools). */
    public static final List<Integer> DEFAULT_REMINDER_DAYS = List.of(1, 15, 30);

    public BillingSettings {
        Objects.requireNonNull(zone, "zone");
        defaults = Map.copyOf(defaults);
        defaults.forEach((kind, tariff) -> {
            if (tariff.kind() != kind) {
                throw new IllegalArgumentException("default of " + kind + " is a " + tariff.kind());
            }
        });
        reminderDaysPastDue = List.copyOf(reminderDaysPastDue);
    }

    /** The settings with the default reminder steps. */
    public BillingSettings(ZoneId zone, Map<TariffKind, Tariff> defaults, int nonOwnerLeaseMaxMonths,
            int commonAreaFundSharePercent, int invoiceDueDays) {
        this(zone, defaults, nonOwnerLeaseMaxMonths, commonAreaFundSharePercent, invoiceDueDays, DEFAULT_REMINDER_DAYS);
    }

    /** Returns the default tariff of a kind, if there is one. */
    public Optional<Tariff> defaultOf(TariffKind kind) {
        return Optional.ofNullable(defaults.get(kind));
    }

    /** Returns the settings that hold for the community: its own figures, else these ({@code community_billing_settings}). */
    public BillingSettings of(UnitOfWork.Tx tx, String communityId) throws SQLException {
        CommunityBillingSettings own = BillingSettingsStore.of(tx, communityId).over(figures(null));
        return new BillingSettings(zone, defaults, own.nonOwnerLeaseMaxMonths(), own.commonAreaFundSharePercent(),
                own.invoiceDueDays(), own.reminderDaysPastDue());
    }

    /** Returns these settings' figures as a community's, with the given plate confidence default. */
    public CommunityBillingSettings figures(java.math.BigDecimal plateMinConfidence) {
        return new CommunityBillingSettings(invoiceDueDays, commonAreaFundSharePercent, nonOwnerLeaseMaxMonths,
                reminderDaysPastDue, plateMinConfidence);
    }
}
