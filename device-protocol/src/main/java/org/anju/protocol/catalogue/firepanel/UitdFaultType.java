package org.anju.protocol.catalogue.firepanel;

/** A fault of the user information transmission device itself (GB/T 26875.3 UITD running state). */
public enum UitdFaultType {
    MAIN_POWER_FAULT,
    BACKUP_POWER_FAULT,
    /** 与监控中心通信信道故障: the channel to the monitoring center failed (reported once it is back, or over a second channel). */
    LINK_TO_CENTER_FAILED,
    /** 监测连接线路故障: the line between the UITD and the fire panel failed. */
    MONITORING_LINE_FAULT,
    OTHER
}
