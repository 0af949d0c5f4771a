package org.anju.platform.payments;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.anju.error.ClientError;
import org.anju.platform.billing.Invoice;
import org.anju.platform.billing.Owed;
import org.anju.platform.ledger.Account;
import org.anju.platform.ledger.AccountKind;
import org.anju.platform.ledger.JournalEntry;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.ledger.Posting;
import org.anju.platform.storage.UnitOfWork;

/**
 * The money movements of payments, each in the caller's transaction and under the household's
 * lock: settling an order (order paid, ledger entry, allocation, receipt), refunding part or all of
 * one (credit first), and applying a household's credit to an open invoice. Each ledger entry has
 * a key of its record ({@code payment:<order>}, {@code refund:<refund>},
 * {@code credit-applied:<allocation>}), so a crash never leaves one without the other.
 */
final class Settlement {

    private final Ledger ledger;

    Settlement(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * Settles an order that is locked and not yet paid.
     *
     * @param reference the provider's transaction id, or staff's reference of a cash or bank entry
     */
    Receipt settle(UnitOfWork.Tx tx, PaymentOrder order, String reference) throws SQLException {
        AllocationStore.lockHousehold(tx, order.householdId());
        Allocation allocation = order.invoiceId() == null ? new Allocation(0, order.amountFen(), false)
                : Allocation.of(openFen(tx, order.invoiceId()), order.amountFen());
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.debit(moneyAccount(order), order.amountFen()));
        if (allocation.appliedFen() > 0) {
            postings.add(Posting.credit(household(order, AccountKind.RECEIVABLE), allocation.appliedFen()));
        }
        if (allocation.creditFen() > 0) {
            postings.add(Posting.credit(household(order, AccountKind.HOUSEHOLD_CREDIT), allocation.creditFen()));
        }
        ledger.post(tx, new JournalEntry(PaymentOrder.entryKey(order.id()), order.communityId(),
                "payment " + order.id() + " (" + order.provider() + ")" + invoiceText(order.invoiceId()), postings));
        AllocationStore.insert(tx, order.communityId(), order.householdId(), order.invoiceId(), order.id(), null,
                allocation.appliedFen(), allocation.creditFen());
        OrderStore.markPaid(tx, order.id(), reference);
        long number = OrderStore.issueReceipt(tx, order.communityId(), order.id(), order.amountFen());
        return new Receipt(order.communityId(), number, order.id(), order.householdId(), order.invoiceId(),
                order.provider(), order.amountFen(), allocation.appliedFen(), allocation.creditFen(),
                OrderStore.receiptIssuedAt(tx, order.id()).orElseThrow());
    }

    /**
     * Refunds part or all of a settled, locked order. The part the order put in the household's
     * credit goes back first (as far as the credit still holds it); the rest comes off the invoice,
     * which is open again by it.
     *
     * @throws ClientError 409 when the order is not settled, or the amount is more than is left to refund
     */
    Refund refund(UnitOfWork.Tx tx, PaymentOrder order, long amountFen, String reason, String key, String by)
            throws SQLException {
        if (!order.settled()) {
            throw conflict("payment " + order.id() + " is " + order.status() + ": only a paid one is refunded");
        }
        AllocationStore.lockHousehold(tx, order.householdId());
        AllocationStore.Parts parts = AllocationStore.ofOrder(tx, order.id());
        long creditHeld = -ledger.balance(tx, household(order, AccountKind.HOUSEHOLD_CREDIT));
        long fromCredit = Math.min(amountFen, Math.max(0, Math.min(parts.creditFen(), creditHeld)));
        long fromInvoice = amountFen - fromCredit;
        if (fromInvoice > parts.invoiceFen()) {
            throw conflict("amountFen: payment " + order.id() + " has " + (parts.invoiceFen()
                    + Math.max(0, Math.min(parts.creditFen(), creditHeld))) + " fen left to refund (" + order.refundedFen()
                    + " fen refunded, its credit partly used since), asked " + amountFen);
        }
        long refundId = AllocationStore.insertRefund(tx, order.id(), amountFen, reason, key, by).orElseThrow(
                () -> conflict("refund key '" + key + "' was used at the same time"));
        AllocationStore.insert(tx, order.communityId(), order.householdId(), order.invoiceId(), order.id(), refundId,
                -fromInvoice, -fromCredit);
        List<Posting> postings = new ArrayList<>();
        if (fromInvoice > 0) {
            postings.add(Posting.debit(household(order, AccountKind.RECEIVABLE), fromInvoice));
        }
        if (fromCredit > 0) {
            postings.add(Posting.debit(household(order, AccountKind.HOUSEHOLD_CREDIT), fromCredit));
        }
        postings.add(Posting.credit(moneyAccount(order), amountFen));
        ledger.post(tx, new JournalEntry(Refund.entryKey(refundId), order.communityId(),
                "refund " + refundId + " of payment " + order.id() + ": " + reason, postings));
        OrderStore.addRefunded(tx, order.id(), amountFen);
        return new Refund(refundId, order.id(), amountFen, fromInvoice, fromCredit, reason, by, java.time.Instant.now());
    }

    /**
     * Applies the household's credit to what the invoice still owes (as much as both allow).
     *
     * @return the fen applied
     * @throws ClientError 409 when the invoice owes nothing or the household has no credit
     */
    long applyCredit(UnitOfWork.Tx tx, Invoice invoice) throws SQLException {
        AllocationStore.lockHousehold(tx, invoice.householdId());
        Account credit = Account.household(invoice.communityId(), AccountKind.HOUSEHOLD_CREDIT, invoice.householdId());
        long held = -ledger.balance(tx, credit);
        long open = openFen(tx, invoice.id());
        long amount = Math.min(held, open);
        if (amount <= 0) {
            throw conflict("invoice " + invoice.id() + " owes " + open + " fen and its household holds "
                    + Math.max(0, held) + " fen of credit: nothing to apply");
        }
        long allocation = AllocationStore.insert(tx, invoice.communityId(), invoice.householdId(), invoice.id(), null,
                null, amount, -amount);
        ledger.post(tx, new JournalEntry("credit-applied:" + allocation, invoice.communityId(),
                "credit applied to invoice " + invoice.id(), List.of(Posting.debit(credit, amount),
                        Posting.credit(Account.household(invoice.communityId(), AccountKind.RECEIVABLE,
                                invoice.householdId()), amount))));
        return amount;
    }

    /**
     * Returns what the invoice still owes (billing's {@link Owed}: its total less its credit notes and
     * what was paid against it, never below 0).
     *
     * @throws ClientError 404 for no such invoice; 409 for a credit note (it is owed to the household,
     *                     never paid by it)
     */
    static long openFen(UnitOfWork.Tx tx, long invoiceId) throws SQLException {
        Owed.Balance balance = Owed.of(tx, InvoicePayments.AMOUNTS, List.of(invoiceId)).get(invoiceId);
        if (balance == null) {
            throw ClientError.notFound("invoice " + invoiceId + " not found");
        }
        if (balance.creditNote()) {
            throw conflict("invoice " + invoiceId + " is a credit note: it cannot be paid");
        }
        return balance.owedFen();
    }

    /** Returns the household's credit (what overpayments left, not yet used or refunded). */
    long creditFen(UnitOfWork.Tx tx, String communityId, long householdId) throws SQLException {
        return -ledger.balance(tx, Account.household(communityId, AccountKind.HOUSEHOLD_CREDIT, householdId));
    }

    /** Returns a 409 answer. */
    static ClientError conflict(String message) {
        return new ClientError(ClientError.CONFLICT, message);
    }

    private static Account moneyAccount(PaymentOrder order) {
        AccountKind kind = switch (order.provider()) {
            case PaymentOrder.CASH -> AccountKind.CASH;
            case PaymentOrder.BANK_TRANSFER -> AccountKind.BANK;
            default -> AccountKind.PROVIDER_CLEARING;
        };
        return Account.community(order.communityId(), kind);
    }

    private static Account household(PaymentOrder order, AccountKind kind) {
        return Account.household(order.communityId(), kind, order.householdId());
    }

    private static String invoiceText(Long invoiceId) {
        return invoiceId == null ? " to credit" : " of invoice " + invoiceId;
    }
}
