package org.anju.protocol.catalogue.firepanel;

/**
 * The running state of a user information transmission device (UITD, GB/T 26875.3), as its
 * telemetry reports it.
 *
 * @param testMode whether the UITD is in test state rather than normal monitoring; null when not sent
 */
public record UitdStatus(
        Boolean testMode,
        boolean fireAlarm,
        boolean fault,
        boolean mainPowerFault,
        boolean backupPowerFault,
        boolean linkToCenterFailed,
        boolean monitoringLineFault) {
}
