package org.anju.platform.billing;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of tariff a community has, each with its own value record in {@link Tariff}. */
public enum TariffKind {
    /** Rent of a parking space per space kind and contract term: {@link Tariff.SpaceRent}. */
    SPACE_RENT("space_rent", Tariff.SpaceRent.class),
    /** Visitor (temporary) parking: {@link Tariff.VisitorParking}. */
    VISITOR_PARKING("visitor_parking", Tariff.VisitorParking.class),
    /** Property service fee per m² of private area per month: {@link Tariff.PropertyFee}. */
    PROPERTY_FEE("property_fee", Tariff.PropertyFee.class),
    /** EV charging on time-of-use tiers: {@link Tariff.EvTimeOfUse}. */
    EV_TOU("ev_tou", Tariff.EvTimeOfUse.class),
    /** Parcel locker overdue fee: {@link Tariff.ParcelOverdue}. */
    PARCEL_OVERDUE("parcel_overdue", Tariff.ParcelOverdue.class),
    /** Late fee on overdue invoices: {@link Tariff.LateFee}. */
    LATE_FEE("late_fee", Tariff.LateFee.class);

    private final String wireName;
    private final Class<? extends Tariff> type;

    TariffKind(String wireName, Class<? extends Tariff> type) {
        this.wireName = wireName;
        this.type = type;
    }

    /** Returns the name in the database and the API. */
    public String wireName() {
        return wireName;
    }

    /** Returns the value record of tariffs of this kind. */
    public Class<? extends Tariff> type() {
        return type;
    }

    /** Returns the kind of this wire name, empty when there is none. */
    public static Optional<TariffKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    /** Returns the kind whose value record is {@code type}. */
    public static TariffKind of(Class<? extends Tariff> type) {
        return Arrays.stream(values()).filter(k -> k.type == type).findFirst().orElseThrow();
    }
}
