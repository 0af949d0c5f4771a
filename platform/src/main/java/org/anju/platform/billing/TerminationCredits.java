package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.storage.UnitOfWork;

/**
 * The credit note a termination issues when the rent of its period was billed already: the unused
 * days' rent ({@link Termination#refundFen}) credited against the rent line of the invoice that
 * billed the period, in the termination's transaction, so a credit note that cannot be issued rolls
 * the termination back. The note's client key is the contract's ({@code termination:contract:<id>}),
 * so one contract is credited once.
 * <p>
 * A line that staff credited partly already (a credit note spreads over all of an invoice's lines)
 * is credited only what it still has: the household never gets back more of a period's rent than it
 * was billed. A paid invoice is credited all the same: the paid part leaves the household's
 * receivable in credit, which a refund of the payment returns.
 */
public final class TerminationCredits {

    private final CreditNotes notes;

    /** @param notes the credit notes that issue the note (with the ledger and the fund it posts to) */
    public TerminationCredits(CreditNotes notes) {
        this.notes = notes;
    }

    /**
     * What a termination credited.
     *
     * @param creditNote the credit note issued
     * @param invoiceId  the invoice it credits, which billed the period's rent
     */
    public record Credit(Invoice creditNote, long invoiceId) {
    }

    /** Returns the client key of a contract's termination credit note. */
    public static String clientKey(long contractId) {
        return "termination:contract:" + contractId;
    }

    /**
     * Issues the credit note the termination owes, in the caller's transaction; none when the period
     * was not billed or its rent line has nothing left to credit.
     *
     * @throws ClientError 409 when the credit note cannot be issued (its client key was used for
     *                     another credit note): the caller's transaction must roll back
     */
    public Optional<Credit> issue(UnitOfWork.Tx tx, Termination t, String username, Instant now) throws SQLException {
        if (t.creditFen() == 0) {
            return Optional.empty();
        }
        // periodBilled: an invoice's line bills the period (a credit note's lines have other source ids)
        long invoiceId = InvoiceStore.invoiceOfLine(tx, Stream.RENT, t.rentSourceId()).orElseThrow();
        Invoice invoice = Invoices.get(tx, invoiceId).orElseThrow();
        // under the invoice's lock, so a staff credit note at the same time cannot take the line's rest first
        CreditNotes.lockInvoice(tx, invoiceId);
        long amount = Math.min(t.creditFen(), CreditNotes.leftOnLine(tx, invoice, t.rentSourceId()));
        if (amount <= 0) {
            return Optional.empty();
        }
        Contract c = t.contract();
        String reason = "termination of contract " + c.id() + " on " + c.terminatedOn() + ": " + t.unusedDays() + " of "
                + t.periodDays() + " days unused";
        CreditNotes.Issued issued = notes.issueForLine(tx, invoice, t.rentSourceId(), amount, reason,
                clientKey(c.id()), username, now);
        return Optional.of(new Credit(issued.creditNote(), invoiceId));
    }
}
