package org.anju.platform.parking;

/** Why reads went to staff instead of into a visit; stored by wire name. */
public enum ReviewReason {
    /** The camera saw a vehicle but read no plate. */
    MISSED_READ("missed_read"),
    /** The plate was read below the confidence threshold. */
    LOW_CONFIDENCE("low_confidence"),
    /** An exit of a plate with no open entry. */
    EXIT_WITHOUT_ENTRY("exit_without_entry"),
    /** An entry with no exit within the limit. */
    ENTRY_WITHOUT_EXIT("entry_without_exit"),
    /** A second entry of a plate that had not left (tailgating or a missed exit). */
    DOUBLE_ENTRY("double_entry"),
    /** An exit at a gate of another car park than the entry's. */
    OTHER_CAR_PARK("other_car_park");

    private final String wireName;

    ReviewReason(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the stored and API name. */
    public String wireName() {
        return wireName;
    }
}
