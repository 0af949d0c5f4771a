package org.anju.platform.ledger;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.error.ClientError;
import org.anju.platform.storage.UnitOfWork;

/**
 * The double-entry ledger: balanced journal entries of postings in whole fen, made once per
 * idempotency key, never changed (a correction is a new entry), and balances that are sums of
 * postings. Every method runs in the caller's transaction, so an invoice and its entry commit
 * together.
 *
 * <pre>{@code
 * Account receivable = Account.household("elm-court", AccountKind.RECEIVABLE, householdId);
 * Account rent = Account.community("elm-court", AccountKind.REVENUE_RENT);
 * ledger.post(tx, new JournalEntry("invoice:4711", "elm-court", "rent 2026-12",
 *         List.of(Posting.debit(receivable, 30000), Posting.credit(rent, 30000))));
 * }</pre>
 */
public interface Ledger {

    /** Returns the ledger. */
    static Ledger create() {
        return new LedgerStore();
    }

    /**
     * Makes the entry, or answers with the one made earlier under the same idempotency key (with
     * {@link PostedEntry#replayed()} set), changing nothing. Two transactions posting the same key
     * at once make one entry: the second waits for the first and then answers with its entry.
     *
     * @throws ClientError   409 when the key was used for an entry with other postings or another
     *                       community (the entry's validation already refused unbalanced ones)
     * @throws SQLException  the database's failure (e.g. a community that does not exist)
     */
    PostedEntry post(UnitOfWork.Tx tx, JournalEntry entry) throws SQLException;

    /**
     * Posts the entries as {@link #post} posts each, as one batch: the accounts they need are made with
     * one statement, the entries with another, their postings with one binary {@code COPY}, and one
     * query checks that every entry made balances (else the batch is refused and the caller's
     * transaction must roll back). Answers in the order asked.
     *
     * @throws IllegalArgumentException when two entries of the batch share an idempotency key
     * @throws ClientError               409 when a key was used for an entry with other postings
     */
    List<PostedEntry> postAll(UnitOfWork.Tx tx, List<JournalEntry> entries) throws SQLException;

    /** Returns the entry made under this idempotency key, if any. */
    Optional<PostedEntry> entry(UnitOfWork.Tx tx, String idempotencyKey) throws SQLException;

    /** Returns the community's entries after the entry {@code afterId}, oldest first, at most {@code limit}. */
    List<PostedEntry> entries(UnitOfWork.Tx tx, String communityId, long afterId, int limit) throws SQLException;

    /** Returns the account's balance (debits minus credits, in fen): 0 for an account never posted to. */
    long balance(UnitOfWork.Tx tx, Account account) throws SQLException;

    /** Returns the balance of every account of the community that has postings. */
    Map<Account, Long> balances(UnitOfWork.Tx tx, String communityId) throws SQLException;
}
