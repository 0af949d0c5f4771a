package org.anju.protocol.catalogue.firepanel;

/**
 * The signal categories of a building fire facility in GB/T 26875.3 (system and component
 * states). Each is an event kind of its lower-case name, and its end is the kind with
 * {@code _restored} appended ({@code fault_restored}, {@code shielded_restored}, ...).
 */
public enum SignalCategory {
    FIRE_ALARM,
    FAULT,
    /** 监管: a supervised input (valve, pressure, door) left its normal state. */
    SUPERVISORY,
    /** 屏蔽: the component or system is disabled. */
    SHIELDED,
    /** 启动: a linkage output (pump, fan, door release) was started. */
    STARTED,
    /** 反馈: a started device confirmed it operates. */
    FEEDBACK,
    /** 延时: a delayed action (gas release) is counting down. */
    DELAY,
    MAIN_POWER_FAULT,
    BACKUP_POWER_FAULT,
    BUS_FAULT
}
