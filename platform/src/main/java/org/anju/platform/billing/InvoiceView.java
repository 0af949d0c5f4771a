package org.anju.platform.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice or credit note as the API shows it: the issued document and what is owed on it now.
 *
 * @param kind             {@code invoice} or {@code credit_note}
 * @param creditsInvoiceId the invoice a credit note corrects; null for an invoice
 * @param status           an invoice's {@code open}, {@code partly_paid}, {@code paid} or
 *                         {@code credited}; {@code issued} for a credit note
 * @param overdue          an invoice with something owed whose due day has passed
 * @param owedFen          total − credited − paid, never below 0
 */
public record InvoiceView(long id, String kind, Long creditsInvoiceId, String communityId, long householdId,
        LocalDate period, long totalFen, Instant issuedAt, LocalDate dueOn, String status, boolean overdue,
        long creditedFen, long paidFen, long owedFen, List<InvoiceLine> lines) {

    /** Returns the view of an invoice with its balance on {@code today}. */
    static InvoiceView of(Invoice i, Owed.Balance b, LocalDate today) {
        if (b.creditNote()) {
            return new InvoiceView(i.id(), "credit_note", b.creditsInvoiceId(), i.communityId(), i.householdId(),
                    i.period(), i.totalFen(), i.issuedAt(), i.dueOn(), "issued", false, 0, 0, 0, i.lines());
        }
        return new InvoiceView(i.id(), "invoice", null, i.communityId(), i.householdId(), i.period(), i.totalFen(),
                i.issuedAt(), i.dueOn(), b.status().wireName(), b.owedFen() > 0 && today.isAfter(i.dueOn()),
                b.creditedFen(), b.paidFen(), b.owedFen(), i.lines());
    }
}
