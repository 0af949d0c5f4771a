package org.anju.platform.billing;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import org.anju.platform.ledger.AccountKind;

/** The revenue streams an invoice line belongs to, each with its revenue account in the ledger. */
public enum Stream {
    RENT("rent", AccountKind.REVENUE_RENT),
    PROPERTY_FEE("property_fee", AccountKind.REVENUE_PROPERTY_FEE),
    VISITOR_PARKING("visitor_parking", AccountKind.REVENUE_VISITOR_PARKING),
    CHARGING("charging", AccountKind.REVENUE_CHARGING),
    PARCEL("parcel", AccountKind.REVENUE_PARCEL),
    LATE_FEE("late_fee", AccountKind.REVENUE_LATE_FEE);

    private final String wireName;
    private final AccountKind revenue;

    Stream(String wireName, AccountKind revenue) {
        this.wireName = wireName;
        this.revenue = revenue;
    }

    /** Returns the name in the database and the API. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Returns the ledger account the stream's income is credited to. */
    public AccountKind revenue() {
        return revenue;
    }

    /** Returns the stream of this wire name, empty when there is none. */
    public static Optional<Stream> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
