package org.anju.platform.billing;

/**
 * One line of an invoice.
 *
 * @param sourceId what it bills, unique within the stream (a contract period, a visit, a session)
 * @param fundFen  the part allocated to the maintenance fund (common-area rent); 0 otherwise
 */
public record InvoiceLine(Stream stream, String sourceId, String description, long amountFen, long fundFen) {
}
