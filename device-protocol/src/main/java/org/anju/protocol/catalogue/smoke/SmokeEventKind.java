package org.anju.protocol.catalogue.smoke;

/** The kinds of standalone smoke alarm event (GB 20517), sent as the lower-case name in {@code kind}. */
public enum SmokeEventKind {
    ALARM,
    ALARM_CLEARED,
    /** The alarm sounder was silenced at the device. */
    SILENCED,
    /** The test button was pressed. */
    TEST,
    LOW_BATTERY,
    FAULT,
    /** The detector was removed from its base or opened. */
    TAMPER,
    INSTALLED,
    HEARTBEAT,
    /** The detector reached the end of its service life and must be replaced. */
    END_OF_LIFE
}
