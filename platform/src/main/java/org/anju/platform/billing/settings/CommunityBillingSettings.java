package org.anju.platform.billing.settings;

import static org.anju.platform.settings.SettingsBody.or;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import io.vertx.core.json.JsonObject;

import org.anju.error.ClientError;
import org.anju.platform.settings.SettingsBody;

/**
 * The per-community billing figures of issue 12 that {@code DOMAIN.md} marks configurable and that
 * are not tariffs (prices, late fees and the visitor and parcel fees are tariffs with effective
 * dates, per community already). A null component means "the platform default"
 * ({@code anju-defaults.yaml}); {@link #over(CommunityBillingSettings)} fills them in.
 *
 * @param invoiceDueDays             days from issue to an invoice's due date (0–365)
 * @param commonAreaFundSharePercent share of common-area space rent allocated to the maintenance fund (0–100)
 * @param nonOwnerLeaseMaxMonths     the longest lease of a space to a non-owner (1–120 months)
 * @param reminderDaysPastDue        days past the due date on which an overdue invoice is reminded
 *                                   (1–10 steps, ascending, each 1–3650)
 * @param plateMinConfidence         plate reads below it go to the parking review queue (0–1)
 */
public record CommunityBillingSettings(Integer invoiceDueDays, Integer commonAreaFundSharePercent,
        Integer nonOwnerLeaseMaxMonths, List<Integer> reminderDaysPastDue, BigDecimal plateMinConfidence) {

    /** No figure of the community's own. */
    public static final CommunityBillingSettings NONE = new CommunityBillingSettings(null, null, null, null, null);

    private static final Set<String> FIELDS = Set.of("invoiceDueDays", "commonAreaFundSharePercent",
            "nonOwnerLeaseMaxMonths", "reminderDaysPastDue", "plateMinConfidence");

    /** @throws ClientError 400 naming the field of a figure out of range */
    public CommunityBillingSettings {
        SettingsBody.range("invoiceDueDays", invoiceDueDays, 0, 365);
        SettingsBody.range("commonAreaFundSharePercent", commonAreaFundSharePercent, 0, 100);
        SettingsBody.range("nonOwnerLeaseMaxMonths", nonOwnerLeaseMaxMonths, 1, 120);
        reminderDaysPastDue = SettingsBody.ascending("reminderDaysPastDue", reminderDaysPastDue, 10, 1, 3650);
        if (plateMinConfidence != null && (plateMinConfidence.signum() < 0 || plateMinConfidence.compareTo(BigDecimal.ONE) > 0
                || plateMinConfidence.scale() > 3)) {
            throw ClientError.badRequest("field 'plateMinConfidence' must be from 0 to 1 with at most 3 decimals, got "
                    + plateMinConfidence.toPlainString());
        }
    }

    /** Returns these figures, each missing one taken from {@code defaults}. */
    public CommunityBillingSettings over(CommunityBillingSettings defaults) {
        return new CommunityBillingSettings(or(invoiceDueDays, defaults.invoiceDueDays),
                or(commonAreaFundSharePercent, defaults.commonAreaFundSharePercent),
                or(nonOwnerLeaseMaxMonths, defaults.nonOwnerLeaseMaxMonths),
                or(reminderDaysPastDue, defaults.reminderDaysPastDue), or(plateMinConfidence, defaults.plateMinConfidence));
    }

    /**
     * Returns the figures of a request body: each field given replaces the community's figure, a
     * field given as null returns it to the default, a field left out keeps {@code current}.
     *
     * @throws ClientError 400 naming an unknown field, a figure of the wrong type or out of range
     */
    public static CommunityBillingSettings fromJson(JsonObject json, CommunityBillingSettings current) {
        SettingsBody body = SettingsBody.of(json, FIELDS, "a billing setting");
        return new CommunityBillingSettings(body.whole("invoiceDueDays", current.invoiceDueDays),
                body.whole("commonAreaFundSharePercent", current.commonAreaFundSharePercent),
                body.whole("nonOwnerLeaseMaxMonths", current.nonOwnerLeaseMaxMonths),
                body.steps("reminderDaysPastDue", current.reminderDaysPastDue),
                body.decimal("plateMinConfidence", current.plateMinConfidence));
    }
}
