package org.anju.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.system.testing.ChildPlatforms;

/**
 * A billing run is all-or-nothing across a crash: the platform is killed with SIGKILL while a large
 * run is writing its invoices; after the restart the month has no invoice, line, journal entry or
 * posting, and running it again bills it once, whole.
 */
@Timeout(600)
class BillingKillNineIT {

    private static final String C = Fixtures.COMMUNITY;
    private static final int HOUSEHOLDS = 20_000;
    private static final int SESSIONS = 200_000;
    private static final String RUNS = "/api/v1/communities/" + C + "/billing-runs";
    private static final String NOVEMBER = "{\"period\": \"2026-11\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // the run's transaction is past its first invoice once its backend has issued (or is issuing) them
    private static final String RUN_WRITING = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            + "AND backend_xid IS NOT NULL AND (query LIKE 'INSERT INTO invoice%' OR query LIKE 'COPY invoice_lines%' "
            + "OR query LIKE '%journal_entries%' "
            + "OR query LIKE '%ledger_accounts%' OR query LIKE 'COPY ledger_postings%')";

    @Test
    void aRunKilledMidwayLeavesNothingAndTheNextRunBillsTheMonthOnce() throws Exception {
        try (TestDatabases.TestDatabase database = TestDatabases.primary().create()) {
            Path dataDir = Files.createTempDirectory("anju-billing-kill");
            int httpPort = ChildPlatforms.freePort();
            Map<String, String> env = Map.of("ANJU_DB_URL", database.url(), "ANJU_DATA_DIR", dataDir.toString(),
                    "ANJU_HTTP_HOST", "127.0.0.1", "ANJU_HTTP_PORT", Integer.toString(httpPort),
                    "ANJU_MQTT_HOST", "127.0.0.1", "ANJU_MQTT_PORT", Integer.toString(ChildPlatforms.freePort()),
                    "ANJU_SECURITY_BCRYPT_COST", Integer.toString(Fixtures.TEST_BCRYPT_COST));
            Path log = dataDir.resolve("platform.log");
            Process first = ChildPlatforms.start(env, log, httpPort);
            Process second = null;
            try (HikariDataSource ds = dataSource(database.url())) {
                new Fixtures(ds).propertyUser("pia", "pia-password-long", "property_admin");
                load(ds);
                String token = login(httpPort);

                HTTP.sendAsync(run(httpPort, token), HttpResponse.BodyHandlers.ofString());
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> count(ds, RUN_WRITING) > 0);
                first.destroyForcibly(); // SIGKILL: the run's transaction never commits
                assertThat(first.waitFor()).as("exit status of a SIGKILLed process").isEqualTo(137);

                second = ChildPlatforms.start(env, log, httpPort);
                assertThat(written(ds)).as("what the killed run left").containsExactly(0L, 0L, 0L, 0L, 0L);

                token = login(httpPort);
                JsonNode done = JSON.readTree(send(run(httpPort, token), 200));
                assertThat(done.get("alreadyRun").asBoolean()).isFalse();
                assertThat(done.get("invoices").asInt()).isEqualTo(HOUSEHOLDS);
                // one journal entry for the run: each household's receivable, then rent and charging revenue
                List<Long> whole = List.of(1L, (long) HOUSEHOLDS, (long) HOUSEHOLDS + SESSIONS, 1L, HOUSEHOLDS + 2L);
                assertThat(written(ds)).as("runs, invoices, lines, entries, postings").containsExactlyElementsOf(whole);
                assertThat(count(ds, "SELECT coalesce(sum(CASE WHEN side = 'D' THEN amount_fen ELSE -amount_fen END), 0) "
                        + "FROM ledger_postings")).as("trial balance").isZero();

                JsonNode again = JSON.readTree(send(run(httpPort, token), 200));
                assertThat(again.get("alreadyRun").asBoolean()).isTrue();
                assertThat(written(ds)).containsExactlyElementsOf(whole);
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    second.waitFor();
                }
            }
        }
    }

    /** Households with a monthly contract each, and priced charging sessions, of November 2026 (Shanghai). */
    private static void load(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO households (id, community_id, building_id, floor, number, private_area_m2) "
                    + "SELECT h, '" + C + "', 'elm-b1', 1, 'n' || h, 60 FROM generate_series(1, " + HOUSEHOLDS + ") h");
            s.execute("INSERT INTO parking_spaces (id, community_id, number, kind, ownership) SELECT h, '" + C
                    + "', 'S' || h, 'underground', 'developer' FROM generate_series(1, " + HOUSEHOLDS + ") h");
            s.execute("INSERT INTO rental_contracts (community_id, space_id, household_id, owner_household, term, "
                    + "period_fen, starts_on, ends_on, created_by) SELECT '" + C + "', h, h, true, 'monthly', 35000, "
                    + "date '2026-10-01', date '2027-04-01', 'pia' FROM generate_series(1, " + HOUSEHOLDS + ") h");
            s.execute("INSERT INTO charging_sessions (community_id, device_id, connector_id, transaction_id, "
                    + "household_id, started_at, stopped_at, energy_wh, amount_fen, state, settled_at) "
                    + "SELECT '" + C + "', 'ev-' || (s % 100), 1, s, 1 + s % " + HOUSEHOLDS + ", t, t + interval '30 minutes', "
                    + "7000, 700 + s % 500, 'priced', t + interval '30 minutes' FROM (SELECT s, timestamptz "
                    + "'2026-11-01 00:00+08' + (s % 40000) * interval '1 minute' AS t FROM generate_series(1, "
                    + SESSIONS + ") s) x");
            s.execute("ANALYZE");
        }
    }

    /** Billing runs, invoices, invoice lines, journal entries and postings in the database. */
    private static List<Long> written(HikariDataSource ds) throws SQLException {
        return List.of(count(ds, "SELECT count(*) FROM billing_runs"), count(ds, "SELECT count(*) FROM invoices"),
                count(ds, "SELECT count(*) FROM invoice_lines"), count(ds, "SELECT count(*) FROM journal_entries"),
                count(ds, "SELECT count(*) FROM ledger_postings"));
    }

    private static long count(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpRequest run(int port, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + RUNS)).header("Authorization",
                "Bearer " + token).header("Content-Type", "application/json").timeout(Duration.ofMinutes(4))
                .POST(HttpRequest.BodyPublishers.ofString(NOVEMBER)).build();
    }

    private static String login(int port) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"pia\", \"password\": \"pia-password-long\"}"))
                .build(), 200)).get("token").asText();
    }

    private static String send(HttpRequest request, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private static HikariDataSource dataSource(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setMaximumPoolSize(2);
        return ds;
    }
}
