package org.anju.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import org.anju.platform.testing.TestSql;

/**
 * The ledger on a real database: idempotent posting (also by N threads at once), the conflict of a
 * key reused for other postings, balances from postings, and entries the database keeps unchanged.
 */
@Timeout(120)
class LedgerIT {

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

    private static JournalEntry rent(String key, long householdId, long fen) {
        return new JournalEntry(key, COMMUNITY, "rent", List.of(
                Posting.debit(Account.household(COMMUNITY, AccountKind.RECEIVABLE, householdId), fen),
                Posting.credit(Account.community(COMMUNITY, AccountKind.REVENUE_RENT), fen)));
    }

    private long receivable(long householdId) {
        Account account = Account.household(COMMUNITY, AccountKind.RECEIVABLE, householdId);
        return work.read("ledger", tx -> ledger.balance(tx, account));
    }

    @Test
    void postingAKeyAgainAnswersTheFirstEntryAndChangesNothing() {
        PostedEntry first = work.inTransaction("ledger", tx -> ledger.post(tx, rent("replay:1", 11, 30_000)));
        PostedEntry again = work.inTransaction("ledger", tx -> ledger.post(tx, rent("replay:1", 11, 30_000)));

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.postings()).containsExactlyElementsOf(first.postings());
        assertThat(receivable(11)).isEqualTo(30_000);
    }

    @Test
    void aKeyReusedForOtherPostingsIs409AndPostsNothing() {
        work.inTransaction("ledger", tx -> ledger.post(tx, rent("reuse:1", 12, 30_000)));

        assertThatThrownBy(() -> work.inTransaction("ledger", tx -> ledger.post(tx, rent("reuse:1", 12, 29_000))))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(409))
                .hasMessageContaining("'reuse:1' was used for another journal entry");
        assertThat(receivable(12)).isEqualTo(30_000);
    }

    @Test
    void nThreadsPostingTheSameKeyMakeOneEntry() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PostedEntry>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return work.inTransaction("ledger", tx -> ledger.post(tx, rent("race:1", 13, 12_345)));
                }));
            }
            start.countDown();
            List<PostedEntry> entries = new ArrayList<>();
            for (Future<PostedEntry> answer : answers) {
                entries.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(entries).extracting(PostedEntry::id).containsOnly(entries.getFirst().id());
            assertThat(entries).filteredOn(e -> !e.replayed()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT count(*) FROM journal_entries WHERE idempotency_key = 'race:1'")).containsExactly("1");
        assertThat(receivable(13)).isEqualTo(12_345);
    }

    @Test
    void postingsAndEntriesCannotBeChangedOrRemoved() {
        PostedEntry entry = work.inTransaction("ledger", tx -> ledger.post(tx, rent("fixed:1", 14, 100)));

        assertThatThrownBy(() -> work.inTransaction("ledger",
                tx -> tx.update("UPDATE ledger_postings SET amount_fen = 1 WHERE entry_id = ?", entry.id())))
                .isInstanceOf(ServerError.class);
        assertThatThrownBy(() -> work.inTransaction("ledger",
                tx -> tx.update("DELETE FROM journal_entries WHERE id = ?", entry.id())))
                .isInstanceOf(ServerError.class);
        Optional<PostedEntry> kept = work.read("ledger", tx -> ledger.entry(tx, "fixed:1"));
        assertThat(kept).hasValueSatisfying(
                e -> assertThat(e.postings()).extracting(Posting::amountFen).containsExactly(100L, 100L));
    }

    @Test
    void aCorrectionIsANewReversingEntry() {
        work.inTransaction("ledger", tx -> ledger.post(tx, rent("wrong:1", 15, 5_000)));
        work.inTransaction("ledger", tx -> ledger.post(tx, new JournalEntry("wrong:1:reversal", COMMUNITY,
                "reversal of wrong:1", List.of(
                        Posting.debit(Account.community(COMMUNITY, AccountKind.REVENUE_RENT), 5_000),
                        Posting.credit(Account.household(COMMUNITY, AccountKind.RECEIVABLE, 15), 5_000)))));

        assertThat(receivable(15)).isZero();
        List<PostedEntry> entries = work.read("ledger", tx -> ledger.entries(tx, COMMUNITY, 0, 1000));
        assertThat(entries).extracting(PostedEntry::idempotencyKey).contains("wrong:1", "wrong:1:reversal");
    }
}
