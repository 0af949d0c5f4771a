package org.anju.protocol.catalogue.charger;

/**
 * A charging session stopped (OCPP 1.6 StopTransaction, plus the connector so the reading can be
 * attributed).
 *
 * @param meterStop the connector's energy register at the stop, in Wh
 * @param reason    why it stopped; {@link StopReason#Local} when the charger did not say, as in OCPP
 * @param idTag     the identifier that stopped the session, null when not sent
 */
public record SessionStopped(int transactionId, int connectorId, long meterStop, StopReason reason, String idTag) {
}
