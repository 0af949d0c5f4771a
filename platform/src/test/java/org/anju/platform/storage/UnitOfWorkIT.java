package org.anju.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;
import org.anju.error.ServerError;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;

/**
 * The unit of work against a real database: commit and rollback, connections handed back as they
 * were taken, deadlock victims run again, failures mapped without SQL text, statement timeouts.
 */
@Timeout(60)
class UnitOfWorkIT {

    private static TestDatabase db;
    private static HikariDataSource pool;
    private UnitOfWork work;

    @BeforeAll
    static void database() {
        db = TestDatabases.primary().create();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        TestSql.execute(pool, "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)");
    }

    @AfterAll
    static void drop() {
        pool.close();
        db.close();
    }

    @BeforeEach
    void empty() {
        TestSql.execute(pool, "TRUNCATE items");
        work = UnitOfWork.of(pool);
    }

    @Test
    void commitsTheWorkAndRunsAfterCommitActionsInOrder() {
        List<String> after = new ArrayList<>();
        int inserted = work.inTransaction("items", tx -> {
            tx.afterCommit(() -> after.add("first"));
            tx.afterCommit(() -> after.add("second"));
            return tx.update("INSERT INTO items VALUES (1, 'a'), (2, 'b')");
        });

        assertThat(inserted).isEqualTo(2);
        assertThat(TestSql.rows(pool, "SELECT name FROM items ORDER BY id")).containsExactly("a", "b");
        assertThat(after).containsExactly("first", "second");
    }

    @Test
    void anActionAddedAgainRunsOnceAfterCommit() {
        AtomicInteger wakes = new AtomicInteger();
        Runnable wake = wakes::incrementAndGet;
        work.inTransaction("items", tx -> {
            tx.afterCommit(wake);
            tx.update("INSERT INTO items VALUES (1, 'a')");
            tx.afterCommit(wake);
            return null;
        });

        assertThat(wakes.get()).as("e.g. one wake-up of outbox readers for many notifications").isEqualTo(1);
    }

    @Test
    void aFailureLeftToTheCallerKeepsItsSqlState() {
        SQLException failure = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> work.inTransactionOrThrow("items", tx -> tx.update("INSERT INTO nowhere VALUES (1)")));
        assertThat(failure.getSQLState()).isEqualTo("42P01");
        assertThat(SqlFailures.isRetryable(failure)).isFalse();
    }

    @Test
    void aClientErrorRollsBackEverythingAndPassesThrough() {
        List<String> after = new ArrayList<>();
        assertThatThrownBy(() -> work.inTransaction("items", tx -> {
            tx.update("INSERT INTO items VALUES (1, 'a')");
            tx.afterCommit(() -> after.add("ran"));
            throw ClientError.badRequest("no such thing");
        })).isInstanceOf(ClientError.class).hasMessage("no such thing");

        assertThat(TestSql.rows(pool, "SELECT count(*) FROM items")).containsExactly("0");
        assertThat(after).isEmpty();
    }

    @Test
    void anUnexpectedConstraintViolationBecomesA500WithoutSqlText() {
        work.inTransaction("items", tx -> tx.update("INSERT INTO items VALUES (1, 'a')"));

        assertThatThrownBy(() -> work.inTransaction("items", tx -> tx.update("INSERT INTO items VALUES (1, 'again')")))
                .isInstanceOfSatisfying(ServerError.class, e -> {
                    assertThat(e.code()).as("the same insert would fail again").isEqualTo(500);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("items failed");
                });
    }

    @Test
    void connectionsGoBackToThePoolInAutoCommitAndWritableAfterEveryKindOfEnd() throws SQLException {
        work.inTransaction("items", tx -> tx.update("INSERT INTO items VALUES (1, 'a')"));
        work.read("items", tx -> tx.query("SELECT id FROM items", rs -> rs.getInt(1)));
        assertThatThrownBy(() -> work.inTransaction("items", tx -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> work.read("items", tx -> tx.update("INSERT INTO items VALUES (2, 'b')")))
                .isInstanceOf(ServerError.class);

        // the pool has two connections: both must come back as the pool gave them
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
            for (Connection c : List.of(a, b)) {
                assertThat(c.getAutoCommit()).isTrue();
                assertThat(c.isReadOnly()).isFalse();
            }
        }
    }

    @Test
    void readOnlyWorkCannotWrite() {
        assertThatThrownBy(() -> work.read("items", tx -> tx.update("INSERT INTO items VALUES (1, 'a')")))
                .isInstanceOf(ServerError.class);
        assertThat(TestSql.rows(pool, "SELECT count(*) FROM items")).containsExactly("0");
    }

    @Test
    void aDeadlockVictimIsRunAgainWholeAndCommitsOnce() throws Exception {
        work.inTransaction("items", tx -> tx.update("INSERT INTO items VALUES (1, 'a'), (2, 'b')"));
        // two transactions lock rows 1 and 2 in opposite order: PostgreSQL picks one as the victim
        CountDownLatch bothLocked = new CountDownLatch(2);
        CountDownLatch winnerCommitted = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = threads.submit(() -> lockInOrder(bothLocked, winnerCommitted, runs, 1, 2, "x"));
            Future<Integer> second = threads.submit(() -> lockInOrder(bothLocked, winnerCommitted, runs, 2, 1, "y"));

            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
        assertThat(runs.get()).as("the victim ran twice, the winner once").isEqualTo(3);
        assertThat(TestSql.rows(pool, "SELECT count(*) FROM items WHERE name LIKE '%x%' AND name LIKE '%y%'"))
                .as("both transactions' changes are there, each once").containsExactly("2");
        assertThat(TestSql.rows(pool, "SELECT count(*) FROM items WHERE length(name) = 3")).containsExactly("2");
    }

    private int lockInOrder(CountDownLatch bothLocked, CountDownLatch winnerCommitted, AtomicInteger runs, int firstId,
            int secondId, String suffix) {
        return work.inTransaction("items", tx -> {
            int run = runs.incrementAndGet();
            if (run > 2) {
                // the victim's second run waits for the winner: else it may take the victim's first row before
                // the winner does (row locks are not handed over in queue order) and deadlock with it once more
                awaitLatch(winnerCommitted, "the winner never committed");
            }
            tx.afterCommit(winnerCommitted::countDown);
            int changed = tx.update("UPDATE items SET name = name || ? WHERE id = ?", suffix, firstId);
            if (run <= 2) {
                // only the first runs of both meet here; the victim's second run goes straight through
                meet(bothLocked);
            }
            return changed + tx.update("UPDATE items SET name = name || ? WHERE id = ?", suffix, secondId);
        });
    }

    @Test
    void aVictimThatKeepsLosingBecomesA503AfterTheLastAttempt() {
        AtomicInteger runs = new AtomicInteger();
        UnitOfWork twice = work.withMaxAttempts(2);
        assertThatThrownBy(() -> twice.inTransaction("items", tx -> {
            runs.incrementAndGet();
            throw new SQLException("could not serialize access", SqlFailures.SERIALIZATION_FAILURE);
        })).isInstanceOfSatisfying(ServerError.class, e -> assertThat(e.code()).isEqualTo(503));
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aStatementOverTheTimeoutIsCancelledAsA504() {
        UnitOfWork bounded = work.withStatementTimeout(Duration.ofMillis(200));
        assertThatThrownBy(() -> bounded.read("reports", tx -> tx.query("SELECT pg_sleep(5)", rs -> 1)))
                .isInstanceOfSatisfying(ServerError.class, e -> {
                    assertThat(e.code()).isEqualTo(504);
                    assertThat(e.getMessage()).isEqualTo("reports query took too long");
                });
        // the timeout was local to that transaction
        String after = work.read("reports", tx -> tx.one("SHOW statement_timeout", rs -> rs.getString(1)).orElseThrow());
        assertThat(after).isEqualTo("0");
    }

    @Test
    void autoCommitWorkCommitsStatementByStatement() {
        assertThatThrownBy(() -> work.autoCommit("items", tx -> {
            tx.update("INSERT INTO items VALUES (1, 'kept')");
            return tx.update("INSERT INTO items VALUES (1, 'duplicate')");
        })).isInstanceOf(ServerError.class);
        assertThat(TestSql.rows(pool, "SELECT name FROM items")).containsExactly("kept");
    }

    private static void meet(CountDownLatch bothLocked) {
        bothLocked.countDown();
        awaitLatch(bothLocked, "the other transaction never locked its first row");
    }

    private static void awaitLatch(CountDownLatch latch, String otherwise) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(otherwise);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
