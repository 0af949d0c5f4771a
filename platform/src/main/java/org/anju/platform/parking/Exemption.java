package org.anju.platform.parking;

/** Why a visit costs nothing whatever its length; stored by wire name. */
public enum Exemption {
    /** Charged by the tariff. */
    NONE("none"),
    /** The vehicle belongs to a household of the community. */
    HOUSEHOLD("household"),
    /** The vehicle's household holds an active rental contract. */
    CONTRACT("contract");

    private final String wireName;

    Exemption(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the stored and API name. */
    public String wireName() {
        return wireName;
    }
}
