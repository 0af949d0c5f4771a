package org.anju.protocol.catalogue.charger;

/** The error code of a charger connector, spelled exactly as OCPP 1.6 ChargePointErrorCode. */
public enum ChargePointErrorCode {
    ConnectorLockFailure,
    EVCommunicationError,
    GroundFailure,
    HighTemperature,
    InternalError,
    NoError,
    OverCurrentFailure,
    OverVoltage,
    PowerMeterFailure,
    PowerSwitchFailure,
    ReaderFailure,
    UnderVoltage,
    WeakSignal,
    OtherError
}
