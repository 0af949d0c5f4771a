package org.anju.protocol.catalogue.charger;

/**
 * Meter values of one charger connector (after OCPP 1.6 MeterValues), as telemetry. Boxed
 * components are optional and null when not sent.
 *
 * @param connectorId   the connector, 0 for the charger's main meter
 * @param transactionId the session the values belong to
 * @param status        the connector status at the time, when the charger sends it with the values
 * @param errorCode     the connector error code at the time, when sent
 * @param energyWh      Energy.Active.Import.Register: the energy register in Wh
 * @param powerW        Power.Active.Import in W
 * @param currentA      Current.Import in A
 * @param voltageV      Voltage in V
 * @param temperature   Temperature in °C
 */
public record ChargerMeterValues(
        int connectorId,
        Integer transactionId,
        ConnectorStatus status,
        ChargePointErrorCode errorCode,
        double energyWh,
        Double powerW,
        Double currentA,
        Double voltageV,
        Double temperature) {
}
