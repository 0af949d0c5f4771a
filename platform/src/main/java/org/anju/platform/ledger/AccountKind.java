package org.anju.platform.ledger;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of ledger account a community has. Some are kept per household (what a household owes,
 * its credit, its share of the maintenance fund), the others once per community.
 * <p>
 * Balances are signed debit minus credit; {@link #debitNormal()} says on which side a kind's
 * balance normally sits (assets and receivables debit, revenue and what the community holds for
 * households credit).
 */
public enum AccountKind {
    /** What a household owes (asset, per household). */
    RECEIVABLE("receivable", true, true),
    /** Rent of parking spaces (revenue). */
    REVENUE_RENT("revenue_rent", false, false),
    /** Property service fees (revenue). */
    REVENUE_PROPERTY_FEE("revenue_property_fee", false, false),
    /** Visitor (temporary) parking (revenue). */
    REVENUE_VISITOR_PARKING("revenue_visitor_parking", false, false),
    /** EV charging (revenue). */
    REVENUE_CHARGING("revenue_charging", false, false),
    /** Parcel locker overdue fees (revenue). */
    REVENUE_PARCEL("revenue_parcel", false, false),
    /** Late fees on overdue invoices (revenue). */
    REVENUE_LATE_FEE("revenue_late_fee", false, false),
    /** Cash taken by staff (asset). */
    CASH("cash", false, true),
    /** The community's bank account (asset). */
    BANK("bank", false, true),
    /** Money a payment provider collected and has not yet settled to the bank (asset). */
    PROVIDER_CLEARING("provider_clearing", false, true),
    /** A household's credit: overpayments held for later invoices (liability, per household). */
    HOUSEHOLD_CREDIT("household_credit", true, false),
    /** A household's share of the housing maintenance fund (liability, per household). */
    MAINTENANCE_FUND("maintenance_fund", true, false),
    /** Common-area income allocated to the maintenance fund, not yet shared out (liability). */
    FUND_INCOME("fund_income", false, false);

    private final String wireName;
    private final boolean perHousehold;
    private final boolean debitNormal;

    AccountKind(String wireName, boolean perHousehold, boolean debitNormal) {
        this.wireName = wireName;
        this.perHousehold = perHousehold;
        this.debitNormal = debitNormal;
    }

    /** Returns the name in the database and the API. */
    public String wireName() {
        return wireName;
    }

    /** Returns whether accounts of this kind belong to one household (and need its id). */
    public boolean perHousehold() {
        return perHousehold;
    }

    /** Returns whether the balance of this kind normally sits on the debit side. */
    public boolean debitNormal() {
        return debitNormal;
    }

    /** Returns the kind of this wire name, empty when there is none. */
    public static Optional<AccountKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
