package org.anju.protocol.catalogue.firepanel;

/**
 * The operations a fire panel or its UITD records (GB/T 26875.3 operation information, plus the
 * UITD's answer to a duty check), sent as the lower-case name.
 */
public enum PanelOperation {
    RESET,
    SILENCE,
    MANUAL_ALARM,
    /** 警情消除: the operator cleared the alarm condition. */
    ALARM_CLEARED,
    SELF_TEST,
    /** 确认: the operator confirmed an alarm. */
    CONFIRM,
    /** 查岗应答: the control-room operator answered the monitoring center's duty check. */
    DUTY_CHECK_RESPONSE,
    TEST
}
