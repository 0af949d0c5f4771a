package org.anju.protocol.catalogue.charger;

/** Why a charging session stopped, spelled exactly as OCPP 1.6 StopTransaction reasons. */
public enum StopReason {
    EmergencyStop,
    EVDisconnected,
    HardReset,
    /** Stopped at the charger (OCPP's default when no reason is given). */
    Local,
    Other,
    PowerLoss,
    Reboot,
    Remote,
    SoftReset,
    UnlockCommand,
    DeAuthorized
}
