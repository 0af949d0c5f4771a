package org.anju.protocol.catalogue.charger;

/**
 * A charging session started (OCPP 1.6 StartTransaction, with the transaction id the charger was given).
 *
 * @param idTag         the identifier (card, app account) that authorised the session
 * @param meterStart    the connector's energy register at the start, in Wh
 * @param reservationId the reservation the session fulfils, null when none
 */
public record SessionStarted(int transactionId, int connectorId, String idTag, long meterStart, Integer reservationId) {
}
