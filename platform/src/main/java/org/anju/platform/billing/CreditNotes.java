package org.anju.platform.billing;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.ledger.Account;
import org.anju.platform.ledger.AccountKind;
import org.anju.platform.ledger.Fen;
import org.anju.platform.ledger.JournalEntry;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.ledger.Posting;
import org.anju.platform.storage.UnitOfWork;

/**
 * Credit notes: the correction of an issued invoice, itself an immutable invoice of kind
 * {@code credit_note} with lines that credit the original's lines pro rata (source id
 * {@code credit_note:<id>:<original source id>}) and a journal entry that reverses the invoice's
 * postings pro rata, the fund's share of common-area rent included. Issued once per client key.
 * A terminated contract's note credits one line, its rent line ({@link #issueForLine},
 * {@link TerminationCredits}).
 * <p>
 * The fund's share is debited to {@code fund_income}; when a run already allocated it to the
 * households' fund accounts ({@link FundIncome}), {@code fund_income} would go below zero, so what it
 * does not hold is taken back from the households by area in the same transaction
 * (entry {@code fund:reversal:credit_note:<id>}): {@code fund_income} never ends in debit.
 */
public final class CreditNotes {

    private final Ledger ledger;
    private final PaidAmounts paid;
    private final ZoneId zone;
    private final FundIncome fund;

    /**
     * @param zone the local day of the credit note (its issue and due day)
     * @param fund where runs allocated the fund's share, to take it back from
     */
    public CreditNotes(Ledger ledger, PaidAmounts paid, ZoneId zone, FundIncome fund) {
        this.ledger = ledger;
        this.paid = paid;
        this.zone = zone;
        this.fund = fund;
    }

    /** A credit note and whether an earlier request with the same client key issued it. */
    public record Issued(Invoice creditNote, boolean replayed) {
    }

    /**
     * Issues a credit note of {@code amountFen} for the invoice, in the caller's transaction; the
     * same client key again answers the note it issued.
     *
     * @throws ClientError 404 for no such invoice, 409 for a credit note, an amount over what is
     *                     still creditable (total − credited − paid) or a key used for another request
     */
    public Issued issue(UnitOfWork.Tx tx, Invoice invoice, long amountFen, String reason, String clientKey,
            String username, Instant now) throws SQLException {
        Optional<Issued> earlier = earlier(tx, invoice, amountFen, clientKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Owed.Balance balance = Owed.of(tx, paid, List.of(invoice.id())).get(invoice.id());
        if (balance.creditNote()) {
            throw new ClientError(ClientError.CONFLICT, "invoice " + invoice.id() + " is a credit note: credit the invoice "
                    + balance.creditsInvoiceId() + " instead");
        }
        long creditable = balance.totalFen() - balance.creditedFen() - balance.paidFen();
        if (amountFen > creditable) {
            throw new ClientError(ClientError.CONFLICT, "amountFen " + amountFen + " is more than invoice " + invoice.id()
                    + " still has to credit: " + Math.max(0, creditable) + " fen (total " + balance.totalFen()
                    + ", credited " + balance.creditedFen() + ", paid " + balance.paidFen() + ")");
        }
        if (invoice.lines().isEmpty()) {
            throw new ClientError(ClientError.CONFLICT, "invoice " + invoice.id() + " has no lines to credit");
        }
        return new Issued(write(tx, invoice, proRata(invoice, amountFen), reason, clientKey, username, now), false);
    }

    /**
     * Issues a credit note of {@code amountFen} for one line of the invoice (the line billed by
     * {@code sourceId}), in the caller's transaction: what a terminated contract's unused rent is
     * credited by. Unlike {@link #issue}, what was paid does not limit it: the part already paid
     * leaves the household's receivable in credit, which a refund of the payment returns (the
     * payments' refund rule). The same client key again answers the note it issued.
     *
     * @throws ClientError 409 when the invoice has no such line, the amount is more than the line
     *                     still has to credit (its amount less what credit notes took off it), or
     *                     the key was used for another request
     */
    public Issued issueForLine(UnitOfWork.Tx tx, Invoice invoice, String sourceId, long amountFen, String reason,
            String clientKey, String username, Instant now) throws SQLException {
        Optional<Issued> earlier = earlier(tx, invoice, amountFen, clientKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        InvoiceLine line = line(invoice, sourceId);
        long creditable = leftOnLine(tx, invoice, sourceId);
        if (amountFen <= 0 || amountFen > creditable) {
            throw new ClientError(ClientError.CONFLICT, "amountFen " + amountFen + " is not within what line " + sourceId
                    + " of invoice " + invoice.id() + " still has to credit: " + creditable + " fen");
        }
        InvoiceLine credit = new InvoiceLine(line.stream(), line.sourceId(), "credit of " + line.description(), amountFen,
                Fen.share(amountFen, line.fundFen(), line.amountFen()));
        return new Issued(write(tx, invoice, List.of(credit), reason, clientKey, username, now), false);
    }

    /**
     * Returns the note an earlier request with this key issued, after taking the invoice's and the
     * key's locks (held until the transaction ends, so concurrent requests queue).
     *
     * @throws ClientError 409 when the key was used for another invoice or amount
     */
    private static Optional<Issued> earlier(UnitOfWork.Tx tx, Invoice invoice, long amountFen, String clientKey)
            throws SQLException {
        lockInvoice(tx, invoice.id());
        tx.one("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 0, "credit-note-key:" + clientKey);
        Optional<long[]> earlier = tx.one("SELECT invoice_id, credit_note_id, amount_fen FROM credit_note_requests "
                + "WHERE client_key = ?", rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, clientKey);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (earlier.get()[0] != invoice.id() || earlier.get()[2] != amountFen) {
            throw new ClientError(ClientError.CONFLICT, "clientKey '" + clientKey + "' was used for credit note "
                    + earlier.get()[1] + " of " + earlier.get()[2] + " fen on invoice " + earlier.get()[0]);
        }
        return Optional.of(new Issued(Invoices.get(tx, earlier.get()[1]).orElseThrow(), true));
    }

    /**
     * Returns what the invoice's line of {@code sourceId} still has to credit: its amount less what
     * credit notes took off it.
     *
     * @throws ClientError 409 when the invoice has no such line
     */
    static long leftOnLine(UnitOfWork.Tx tx, Invoice invoice, String sourceId) throws SQLException {
        return line(invoice, sourceId).amountFen() - InvoiceStore.creditedOfLine(tx, invoice.id(), sourceId);
    }

    private static InvoiceLine line(Invoice invoice, String sourceId) {
        return invoice.lines().stream().filter(l -> l.sourceId().equals(sourceId)).findFirst()
                .orElseThrow(() -> new ClientError(ClientError.CONFLICT, "invoice " + invoice.id() + " has no line "
                        + sourceId + " to credit"));
    }

    /** Waits for any other credit note of the invoice; held until the transaction ends. */
    static void lockInvoice(UnitOfWork.Tx tx, long invoiceId) throws SQLException {
        tx.one("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 0, "credit-note:" + invoiceId);
    }

    /** Writes the note of these lines with its request, posts its entry and takes the fund's share back. */
    private Invoice write(UnitOfWork.Tx tx, Invoice invoice, List<InvoiceLine> lines, String reason, String clientKey,
            String username, Instant now) throws SQLException {
        long amountFen = lines.stream().mapToLong(InvoiceLine::amountFen).sum();
        long id = tx.one("INSERT INTO invoices (community_id, household_id, period, kind, credits_invoice_id, total_fen, "
                + "issued_at, due_on) VALUES (?, ?, ?, 'credit_note', ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1),
                invoice.communityId(), invoice.householdId(), Date.valueOf(invoice.period()), invoice.id(), amountFen,
                now, Date.valueOf(now.atZone(zone).toLocalDate())).orElseThrow();
        List<InvoiceLine> stored = lines.stream().map(l -> new InvoiceLine(l.stream(), "credit_note:" + id + ":"
                + l.sourceId(), l.description(), l.amountFen(), l.fundFen())).toList();
        tx.batch("INSERT INTO invoice_lines (invoice_id, stream, source_id, description, amount_fen, fund_fen) "
                + "VALUES (?, ?, ?, ?, ?, ?)", stored, l -> new Object[] {id, l.stream().wireName(), l.sourceId(),
                        l.description(), l.amountFen(), l.fundFen()});
        tx.update("INSERT INTO credit_note_requests (client_key, invoice_id, credit_note_id, amount_fen, reason, "
                + "requested_by) VALUES (?, ?, ?, ?, ?, ?)", clientKey, invoice.id(), id, amountFen, reason, username);
        Invoice note = new Invoice(id, invoice.communityId(), invoice.householdId(), invoice.period(), amountFen, now,
                now.atZone(zone).toLocalDate(), stored);
        ledger.post(tx, reversal(note, invoice.id(), reason));
        takeBackFromFund(tx, note);
        return note;
    }

    /**
     * Splits the amount over the invoice's lines in proportion to their amounts: each line's exact
     * share rounded down, the fen left over given to the lines with the largest remainders (so the
     * lines add up to the amount exactly); each line's fund part is its share of the original's,
     * half up. Lines of 0 fen are left out.
     */
    static List<InvoiceLine> proRata(Invoice invoice, long amountFen) {
        List<InvoiceLine> original = invoice.lines();
        long total = original.stream().mapToLong(InvoiceLine::amountFen).sum();
        long[] share = new long[original.size()];
        long[] remainder = new long[original.size()];
        long given = 0;
        for (int i = 0; i < share.length; i++) {
            long exact = Math.multiplyExact(amountFen, original.get(i).amountFen());
            share[i] = exact / total;
            remainder[i] = exact % total;
            given += share[i];
        }
        for (long left = amountFen - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < share.length; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            share[best]++;
            remainder[best] = -1;
        }
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; i < share.length; i++) {
            InvoiceLine o = original.get(i);
            if (share[i] > 0) {
                lines.add(new InvoiceLine(o.stream(), o.sourceId(), "credit of " + o.description(), share[i],
                        Fen.share(share[i], o.fundFen(), o.amountFen())));
            }
        }
        return lines;
    }

    /** Takes back from the households' fund accounts the note's fund part that fund_income no longer held. */
    private void takeBackFromFund(UnitOfWork.Tx tx, Invoice note) throws SQLException {
        long fundFen = note.lines().stream().mapToLong(InvoiceLine::fundFen).sum();
        Account income = Account.community(note.communityId(), AccountKind.FUND_INCOME);
        // the ledger's balances are debit-positive: a credit-normal account in debit went below zero
        long shortFen = Math.min(fundFen, ledger.balance(tx, income));
        if (shortFen > 0) {
            fund.reverse(tx, income, shortFen, "fund:reversal:credit_note:" + note.id(), "fund share of credit note "
                    + note.id() + " taken back");
        }
    }

    /** The invoice's entry reversed for the note's lines: each revenue and fund income debited, the receivable credited. */
    private static JournalEntry reversal(Invoice note, long invoiceId, String reason) {
        String community = note.communityId();
        Map<AccountKind, Long> debits = new EnumMap<>(AccountKind.class);
        for (InvoiceLine line : note.lines()) {
            debits.merge(line.stream().revenue(), line.amountFen() - line.fundFen(), Long::sum);
            debits.merge(AccountKind.FUND_INCOME, line.fundFen(), Long::sum);
        }
        List<Posting> postings = new ArrayList<>();
        debits.forEach((kind, fen) -> {
            if (fen > 0) {
                postings.add(Posting.debit(Account.community(community, kind), fen));
            }
        });
        postings.add(Posting.credit(Account.household(community, AccountKind.RECEIVABLE, note.householdId()),
                note.totalFen()));
        return new JournalEntry("credit_note:" + note.id(), community, "credit note " + note.id() + " of invoice "
                + invoiceId + ": " + reason, postings);
    }
}
