package org.anju.protocol.catalogue.charger;

/**
 * A change of a connector's status (OCPP 1.6 StatusNotification).
 *
 * @param info            free text from the charger, null when not sent
 * @param vendorErrorCode the vendor's own error code, null when not sent
 */
public record StatusNotification(
        int connectorId, ConnectorStatus status, ChargePointErrorCode errorCode, String info, String vendorErrorCode) {
}
