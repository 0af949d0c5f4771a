package org.anju.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.anju.error.ClientError;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestSql;

/**
 * The ledger's invariants over random sequences of operations on a real database (jqwik shrinks
 * a failing sequence to a small one): every entry balances, the trial balance of a community sums
 * to zero, each balance equals the sum of the postings made to it, a replayed idempotency key
 * changes nothing, and a key reused for other postings is refused (409) and changes nothing.
 * <p>
 * jqwik does not read JUnit's {@code @Timeout}: every statement here runs under a 30 s statement
 * timeout instead, so a hung database fails the property rather than the build.
 */
class LedgerInvariantIT {

    private static TestDatabases.TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private final Ledger ledger = Ledger.create();

    /** Posts the entry made from these lines under key {@code slot}; reusing a slot reuses the key. */
    record Post(int slot, List<Line> debits, List<Line> credits) implements Op {
    }

    /** Posts again, unchanged, the {@code index}-th entry posted so far (modulo their number). */
    record Replay(int index) implements Op {
    }

    /** One side of a posting: an account kind, a household (used for per-household kinds) and fen. */
    record Line(AccountKind kind, long household, long fen) {
    }

    sealed interface Op permits Post, Replay {
    }

    @BeforeContainer
    static void database() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        new Fixtures(database.dataSource());
        work = database.work().withStatementTimeout(Duration.ofSeconds(30));
    }

    @AfterContainer
    static void drop() {
        database.close();
        db.close();
    }

    @Property(tries = 60)
    void randomOperationSequencesKeepTheLedgerBalanced(@ForAll("operations") List<Op> operations) {
        String community = "c" + UUID.randomUUID().toString().substring(0, 8);
        TestSql.execute(database.dataSource(), "INSERT INTO communities (id, tenant_id, name) VALUES ('" + community
                + "', '" + Fixtures.TENANT + "', 'property test')");
        Map<String, JournalEntry> posted = new LinkedHashMap<>();
        Map<Account, Long> expected = new HashMap<>();

        for (Op op : operations) {
            JournalEntry entry = switch (op) {
                case Post p -> entry(community, p);
                case Replay r -> posted.isEmpty() ? null
                        : new ArrayList<>(posted.values()).get(r.index() % posted.size());
            };
            if (entry == null) {
                continue;
            }
            JournalEntry earlier = posted.get(entry.idempotencyKey());
            if (earlier != null && !sameLines(earlier, entry)) {
                ClientError refused = catchThrowableOfType(ClientError.class,
                        () -> work.inTransaction("ledger", tx -> ledger.post(tx, entry)));
                assertThat(refused.code()).isEqualTo(409);
                continue;
            }
            PostedEntry made = work.inTransaction("ledger", tx -> ledger.post(tx, entry));
            assertThat(made.replayed()).isEqualTo(earlier != null);
            if (earlier == null) {
                posted.put(entry.idempotencyKey(), entry);
                entry.postings().forEach(p -> expected.merge(p.account(), p.signedFen(), Long::sum));
            }
        }

        List<PostedEntry> entries = work.read("ledger", tx -> ledger.entries(tx, community, 0, 10_000));
        assertThat(entries).hasSize(posted.size());
        assertThat(entries).allSatisfy(e -> assertThat(e.postings().stream().mapToLong(Posting::signedFen).sum())
                .as("entry %s balances", e.idempotencyKey()).isZero());
        Map<Account, Long> balances = work.read("ledger", tx -> ledger.balances(tx, community));
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).as("trial balance").isZero();
        assertThat(balances).isEqualTo(expected);
        for (Map.Entry<Account, Long> e : expected.entrySet()) {
            long balance = work.read("ledger", tx -> ledger.balance(tx, e.getKey()));
            assertThat(balance).as("balance of %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    private static boolean sameLines(JournalEntry a, JournalEntry b) {
        Map<Posting, Integer> left = new HashMap<>();
        Map<Posting, Integer> right = new HashMap<>();
        a.postings().forEach(p -> left.merge(p, 1, Integer::sum));
        b.postings().forEach(p -> right.merge(p, 1, Integer::sum));
        return left.equals(right);
    }

    private static JournalEntry entry(String community, Post p) {
        List<Posting> postings = new ArrayList<>();
        long total = 0;
        for (Line d : p.debits()) {
            postings.add(Posting.debit(account(community, d), d.fen()));
            total += d.fen();
        }
        // the credits share the debits' total: all but the last get an equal part, the last the rest
        int n = p.credits().size();
        for (int i = 0; i < n; i++) {
            long part = i < n - 1 ? total / n : total - (total / n) * (n - 1);
            postings.add(Posting.credit(account(community, p.credits().get(i)), part));
        }
        return new JournalEntry(community + ":" + p.slot(), community, "property test", postings);
    }

    private static Account account(String community, Line line) {
        return new Account(community, line.kind(), line.kind().perHousehold() ? line.household() : null);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.of(AccountKind.class),
                Arbitraries.longs().between(1, 3), Arbitraries.longs().between(3, 5_000_000)).as(Line::new);
        Arbitrary<Op> post = Combinators.combine(Arbitraries.integers().between(0, 14),
                line.list().ofMinSize(1).ofMaxSize(3), line.list().ofMinSize(1).ofMaxSize(3)).as(Post::new);
        Arbitrary<Op> replay = Arbitraries.integers().between(0, 100).map(Replay::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, post), net.jqwik.api.Tuple.of(1, replay)).list().ofMinSize(1).ofMaxSize(25);
    }
}
