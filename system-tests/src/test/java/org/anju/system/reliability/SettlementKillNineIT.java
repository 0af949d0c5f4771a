package org.anju.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.payments.SandboxPayer;
import org.anju.platform.payments.SandboxProvider;
import org.anju.platform.payments.SignedCallback;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestSql;
import org.anju.system.testing.ChildPlatforms;

/**
 * The platform is killed with SIGKILL while providers' callbacks settle orders over HTTP, and
 * started again: each order is either wholly settled (order paid, ledger entry, allocation,
 * receipt) or not at all, and the ledger balances; delivering every callback again settles the
 * rest, each order exactly once, with receipts numbered without gaps.
 */
@Timeout(600)
class SettlementKillNineIT {

    private static final String KEY = "settlement-kill-test-key-0123456789abcdef";
    private static final int ORDERS = 120;
    private static final int THREADS = 4;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SandboxProvider SANDBOX = new SandboxProvider(KEY, "/unused");

    @Test
    void eachOrderIsSettledWhollyOrNotAtAllAcrossAKill() throws Exception {
        try (TestDatabases.TestDatabase database = TestDatabases.primary().create();
                HikariDataSource db = dataSource(database.url())) {
            Path dataDir = Files.createTempDirectory("anju-settlement-kill");
            int httpPort = ChildPlatforms.freePort();
            Map<String, String> env = new HashMap<>(Map.of("ANJU_DB_URL", database.url(),
                    "ANJU_DATA_DIR", dataDir.toString(), "ANJU_HTTP_HOST", "127.0.0.1",
                    "ANJU_HTTP_PORT", Integer.toString(httpPort), "ANJU_MQTT_HOST", "127.0.0.1",
                    "ANJU_MQTT_PORT", Integer.toString(ChildPlatforms.freePort()),
                    "ANJU_SECURITY_BCRYPT_COST", Integer.toString(Fixtures.TEST_BCRYPT_COST),
                    "ANJU_PAYMENTS_SANDBOX_KEY", KEY, "ANJU_PAYMENTS_SANDBOX_ENABLED", "true"));
            Path log = dataDir.resolve("platform.log");
            Process first = ChildPlatforms.start(env, log, httpPort);
            Process second = null;
            try {
                Map<Long, Long> orders = seed(db);
                AtomicBoolean killed = new AtomicBoolean();
                ExecutorService payers = Executors.newFixedThreadPool(THREADS);
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int lane = t;
                    running.add(payers.submit(() -> deliverUntilKilled(httpPort, orders, lane, killed)));
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> count(db, "payment_receipts") >= ORDERS / 4);
                first.destroyForcibly(); // SIGKILL: no shutdown hook, transactions in flight are cut
                assertThat(first.waitFor()).as("exit status of a SIGKILLed process").isEqualTo(137);
                killed.set(true);
                payers.shutdown();
                assertThat(payers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                long settledAtKill = count(db, "payment_receipts");

                assertWhollyOrNotAtAll(db);
                assertLedgerBalances(db);

                second = ChildPlatforms.start(env, log, httpPort);
                for (Map.Entry<Long, Long> order : orders.entrySet()) {
                    assertThat(deliver(httpPort, order.getKey(), order.getValue())).as("redelivery of " + order)
                            .isEqualTo(200);
                }
                assertWhollyOrNotAtAll(db);
                assertLedgerBalances(db);
                assertThat(TestSql.rows(db, "SELECT count(*) FROM payment_orders WHERE status = 'paid'"))
                        .containsExactly(Integer.toString(ORDERS));
                assertThat(TestSql.rows(db, "SELECT number FROM payment_receipts ORDER BY number"))
                        .as("receipts numbered without gaps (%d settled at the kill)", settledAtKill)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, ORDERS).mapToObj(Long::toString).toList());
                assertThat(TestSql.rows(db, "SELECT -sum(CASE p.side WHEN 'D' THEN -p.amount_fen ELSE p.amount_fen END) "
                        + "FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
                        + "WHERE a.kind = 'provider_clearing'")).as("provider clearing holds every order once")
                        .containsExactly(Long.toString(orders.values().stream().mapToLong(Long::longValue).sum()));
                assertThat(TestSql.rows(db, "SELECT verdict, count(*) > 0 FROM payment_callbacks "
                        + "WHERE verdict IN ('settled', 'duplicate') GROUP BY verdict ORDER BY verdict"))
                        .containsExactly("duplicate t", "settled t");
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    second.waitFor();
                }
            }
        }
    }

    /** Makes four households, an invoice per order and the orders (every third pays 50 fen more: credit). */
    private static Map<Long, Long> seed(HikariDataSource db) {
        new Fixtures(db);
        TestSql.execute(db, """
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2)
                SELECT h, 'elm-court', 'elm-b1', NULL, 1, 'k' || h, 80 FROM generate_series(1, 4) h;
                INSERT INTO invoices (community_id, household_id, period, total_fen, due_on)
                SELECT 'elm-court', 1 + g %% 4, date '2000-01-01' + make_interval(months => g), 1000 + g, '2030-01-01'
                FROM generate_series(1, %d) g;
                INSERT INTO payment_orders (community_id, household_id, invoice_id, provider, amount_fen, created_by)
                SELECT community_id, household_id, id, 'sandbox', total_fen + CASE WHEN id %% 3 = 0 THEN 50 ELSE 0 END,
                       'kill-test' FROM invoices ORDER BY id;
                """.formatted(ORDERS));
        Map<Long, Long> orders = new java.util.TreeMap<>();
        TestSql.rows(db, "SELECT id || ' ' || amount_fen FROM payment_orders").forEach(row -> {
            String[] parts = row.split(" ");
            orders.put(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        });
        return orders;
    }

    /** Delivers the lane's orders' callbacks, round after round, until the platform is killed. */
    private static void deliverUntilKilled(int httpPort, Map<Long, Long> orders, int lane, AtomicBoolean killed) {
        List<Map.Entry<Long, Long>> mine = orders.entrySet().stream().filter(e -> e.getKey() % THREADS == lane).toList();
        while (!killed.get()) {
            for (Map.Entry<Long, Long> order : mine) {
                try {
                    if (killed.get() || deliver(httpPort, order.getKey(), order.getValue()) != 200) {
                        return;
                    }
                } catch (IOException e) {
                    return; // the platform is gone
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static int deliver(int httpPort, long orderId, long amountFen) throws IOException, InterruptedException {
        SignedCallback callback = SANDBOX.paid(Long.toString(orderId), amountFen, Instant.now());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + SandboxPayer.CALLBACK_PATH + SandboxProvider.NAME))
                .header("Content-Type", "application/json")
                .header(SandboxPayer.TIMESTAMP_HEADER, Long.toString(callback.timestamp()))
                .header(SandboxPayer.NONCE_HEADER, callback.nonce())
                .header(SandboxPayer.SIGNATURE_HEADER, callback.signatureHex())
                .POST(HttpRequest.BodyPublishers.ofString(callback.body())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Every order paid has its entry, allocation and receipt, one each; every other has none. */
    private static void assertWhollyOrNotAtAll(HikariDataSource db) {
        assertThat(TestSql.rows(db, """
                SELECT o.id, o.status,
                       (SELECT count(*) FROM journal_entries e WHERE e.idempotency_key = 'payment:' || o.id),
                       (SELECT count(*) FROM payment_allocations a WHERE a.order_id = o.id),
                       (SELECT count(*) FROM payment_receipts r WHERE r.order_id = o.id)
                FROM payment_orders o ORDER BY o.id""")).allSatisfy(row -> assertThat(row)
                .matches("\\d+ (paid 1 1 1|created 0 0 0)"));
    }

    /** Every entry has postings, and its debits equal its credits. */
    private static void assertLedgerBalances(HikariDataSource db) {
        assertThat(TestSql.rows(db, "SELECT e.id FROM journal_entries e LEFT JOIN ledger_postings p ON p.entry_id = e.id "
                + "GROUP BY e.id HAVING count(p.id) < 2 "
                + "OR sum(CASE p.side WHEN 'D' THEN p.amount_fen ELSE -p.amount_fen END) <> 0")).isEmpty();
        assertThat(TestSql.rows(db, "SELECT coalesce(sum(CASE side WHEN 'D' THEN amount_fen ELSE -amount_fen END), 0) "
                + "FROM ledger_postings")).as("trial balance").containsExactly("0");
    }

    private static long count(HikariDataSource db, String table) {
        return Long.parseLong(TestSql.rows(db, "SELECT count(*) FROM " + table).get(0));
    }

    private static HikariDataSource dataSource(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setMaximumPoolSize(2);
        return ds;
    }
}
