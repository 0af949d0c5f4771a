package org.anju.protocol.catalogue.charger;

/**
 * The status of a charger connector, spelled exactly as OCPP 1.6 ChargePointStatus (the constants
 * keep OCPP's spelling so that the wire names cannot drift from the standard).
 */
public enum ConnectorStatus {
    Available,
    Preparing,
    Charging,
    SuspendedEVSE,
    SuspendedEV,
    Finishing,
    Reserved,
    Unavailable,
    Faulted
}
