package org.anju.protocol.catalogue.elevator;

/**
 * The elevator fault codes of GB/T 24476, sent as the two-digit code ({@code "01"} … {@code "15"},
 * {@code "99"}); the normalised event adds the lower-case constant name as {@code name}.
 */
public enum ElevatorFault {
    SAFETY_CIRCUIT_OPEN_WHILE_RUNNING("01"),
    DOOR_CLOSE_FAULT("02"),
    DOOR_OPEN_FAULT("03"),
    STOPPED_OUTSIDE_UNLOCKING_ZONE("04"),
    UNINTENDED_CAR_MOVEMENT("05"),
    MOTOR_RUNTIME_LIMITER("06"),
    FLOOR_POSITION_LOST("07"),
    DOOR_OPEN_WHILE_RUNNING("08"),
    OVERTRAVEL_TOP("09"),
    OVERTRAVEL_BOTTOM("10"),
    OVERSPEED("11"),
    MOVING_WITH_DOOR_OPEN("12"),
    RUN_TIMEOUT("13"),
    REPEATED_DOOR_OPEN_CLOSE("14"),
    ALARM_BUTTON_PRESSED("15"),
    OTHER("99");

    private final String code;

    ElevatorFault(String code) {
        this.code = code;
    }

    /** Returns the two-digit GB/T 24476 code. */
    public String code() {
        return code;
    }
}
