package org.anju.protocol.catalogue.firepanel;

/**
 * An operation record from the fire panel or the UITD.
 *
 * @param systemType    the system operated on, null for an operation of the UITD itself
 * @param systemAddress its address, null when not sent
 * @param operatorId    who operated, as the panel identifies them, null when not sent
 */
public record UitdOperation(PanelOperation operation, Integer systemType, Integer systemAddress, String operatorId) {
}
