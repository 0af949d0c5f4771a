package org.anju.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;

/**
 * {@link Ledger#postAll} on a real database: a batch makes its accounts and entries once, a batch
 * posted again replays, a batch with a reused key writes nothing, and the set-based balance check
 * refuses a batch in which one entry's postings do not balance.
 */
@Timeout(120)
class LedgerBatchIT {

    private static final String COMMUNITY = Fixtures.COMMUNITY;
    private static TestDatabases.TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private final Ledger ledger = Ledger.create();

    @BeforeAll
    static void database() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        new Fixtures(database.dataSource());
        work = database.work();
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    private static JournalEntry invoice(String key, long householdId, long rent, long fee) {
        return new JournalEntry(key, COMMUNITY, "invoice", List.of(
                Posting.debit(Account.household(COMMUNITY, AccountKind.RECEIVABLE, householdId), rent + fee),
                Posting.credit(Account.community(COMMUNITY, AccountKind.REVENUE_RENT), rent),
                Posting.credit(Account.community(COMMUNITY, AccountKind.REVENUE_PROPERTY_FEE), fee)));
    }

    private long balance(AccountKind kind, Long householdId) {
        Account account = householdId == null ? Account.community(COMMUNITY, kind)
                : Account.household(COMMUNITY, kind, householdId);
        return work.read("ledger", tx -> ledger.balance(tx, account));
    }

    private boolean exists(String key) {
        Boolean found = work.read("ledger", tx -> ledger.entry(tx, key).isPresent());
        return found;
    }

    @Test
    void aBatchMakesItsEntriesOnceAndReplaysThemAfterwards() {
        List<JournalEntry> batch = List.of(invoice("batch:1", 201, 30_000, 16_533), invoice("batch:2", 202, 35_000,
                11_193), invoice("batch:3", 203, 1, 9_000));

        List<PostedEntry> first = work.inTransaction("ledger", tx -> ledger.postAll(tx, batch));
        List<PostedEntry> again = work.inTransaction("ledger", tx -> ledger.postAll(tx, batch));

        assertThat(first).extracting(PostedEntry::idempotencyKey).containsExactly("batch:1", "batch:2", "batch:3");
        assertThat(first).noneMatch(PostedEntry::replayed);
        assertThat(again).allMatch(PostedEntry::replayed);
        assertThat(again).extracting(PostedEntry::id).containsExactlyElementsOf(first.stream().map(PostedEntry::id)
                .toList());
        assertThat(balance(AccountKind.RECEIVABLE, 201L)).isEqualTo(46_533);
        assertThat(balance(AccountKind.RECEIVABLE, 202L)).isEqualTo(46_193);
        assertThat(balance(AccountKind.RECEIVABLE, 203L)).isEqualTo(9_001);
        Map<Account, Long> all = work.read("ledger", tx -> ledger.balances(tx, COMMUNITY));
        assertThat(all.values().stream().mapToLong(Long::longValue).sum()).as("trial balance").isZero();
    }

    @Test
    void aBatchWithAKeyReusedForOtherPostingsWritesNothing() {
        work.inTransaction("ledger", tx -> ledger.post(tx, invoice("batch:reused", 211, 30_000, 1_000)));

        assertThatThrownBy(() -> work.inTransaction("ledger", tx -> ledger.postAll(tx, List.of(
                invoice("batch:fresh", 212, 30_000, 1_000), invoice("batch:reused", 211, 30_000, 999)))))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(409))
                .hasMessageContaining("'batch:reused' was used for another journal entry");
        assertThat(exists("batch:fresh")).isFalse();
        assertThat(balance(AccountKind.RECEIVABLE, 212L)).isZero();
    }

    @Test
    void anUnbalancedBatchIsRefusedWhole() {
        // JournalEntry refuses an unbalanced entry before any SQL; this is the database-side check of
        // what a batch wrote: one posting too many on the second entry unbalances the batch
        assertThatThrownBy(() -> work.inTransaction("ledger", tx -> {
            List<PostedEntry> made = ledger.postAll(tx, List.of(invoice("unbalanced:1", 221, 30_000, 1_000),
                    invoice("unbalanced:2", 222, 30_000, 1_000)));
            long accountId = tx.one("SELECT id FROM ledger_accounts WHERE kind = 'revenue_rent'", rs -> rs.getLong(1))
                    .orElseThrow();
            LedgerBatch.copy(tx, List.of(new LedgerBatch.Row(made.get(1).id(), accountId, Posting.Side.CREDIT, 1)));
            LedgerBatch.requireBalanced(tx, made.get(0).id(), made.get(1).id());
            return made;
        })).hasMessageContaining("unbalanced journal entry in a batch, refused: unbalanced:2 (debits 31000, "
                + "credits 31001)");

        assertThat(exists("unbalanced:1")).isFalse();
        assertThat(balance(AccountKind.RECEIVABLE, 221L)).isZero();
    }

    @Test
    void postingsOfAMissingEntryOrAccountAreRefusedWhole() {
        // the statement-level reference check (V60, in place of per-row foreign keys) sees the whole COPY
        assertThatThrownBy(() -> work.inTransaction("ledger", tx -> {
            List<PostedEntry> made = ledger.postAll(tx, List.of(invoice("orphan:1", 231, 30_000, 1_000)));
            long accountId = tx.one("SELECT id FROM ledger_accounts WHERE kind = 'revenue_rent'", rs -> rs.getLong(1))
                    .orElseThrow();
            LedgerBatch.copy(tx, List.of(new LedgerBatch.Row(made.get(0).id() + 1_000_000, accountId,
                    Posting.Side.DEBIT, 1), new LedgerBatch.Row(made.get(0).id() + 1_000_000, accountId,
                    Posting.Side.CREDIT, 1)));
            return made;
        })).isInstanceOf(ServerError.class).rootCause().hasMessageContaining("refers to journal entry");
        assertThatThrownBy(() -> work.inTransaction("ledger", tx -> {
            List<PostedEntry> made = ledger.postAll(tx, List.of(invoice("orphan:2", 232, 30_000, 1_000)));
            LedgerBatch.copy(tx, List.of(new LedgerBatch.Row(made.get(0).id(), 9_000_000, Posting.Side.DEBIT, 1),
                    new LedgerBatch.Row(made.get(0).id(), 9_000_001, Posting.Side.CREDIT, 1)));
            return made;
        })).isInstanceOf(ServerError.class).rootCause().hasMessageContaining("refers to account 900000");

        assertThat(exists("orphan:1")).isFalse();
        assertThat(exists("orphan:2")).isFalse();
        assertThat(balance(AccountKind.RECEIVABLE, 231L)).isZero();
    }

    @Test
    void accountsCannotBeChangedRemovedOrTruncated() {
        work.inTransaction("ledger", tx -> ledger.postAll(tx, List.of(invoice("kept:1", 241, 500, 100))));

        assertThatThrownBy(() -> work.inTransaction("ledger", tx -> tx.update(
                "UPDATE ledger_accounts SET household_id = 242 WHERE household_id = 241")))
                .isInstanceOf(ServerError.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> work.inTransaction("ledger", tx -> tx.update(
                "DELETE FROM ledger_accounts WHERE household_id = 241")))
                .isInstanceOf(ServerError.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> work.inTransaction("ledger", tx -> tx.update(
                "TRUNCATE ledger_accounts, journal_entries, ledger_postings")))
                .isInstanceOf(ServerError.class).rootCause().hasMessageContaining("append-only");
        assertThat(balance(AccountKind.RECEIVABLE, 241L)).isEqualTo(600);
    }
}
