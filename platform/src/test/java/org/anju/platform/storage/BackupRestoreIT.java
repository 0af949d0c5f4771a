package org.anju.platform.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestSql;

/**
 * The backup and restore of docs/operations.md, as an operator runs it: {@code pg_dump -Fc} of a
 * database holding a community's registry, time series and events; {@code pg_restore} into a new,
 * empty database (on TimescaleDB between {@code timescaledb_pre_restore()} and
 * {@code timescaledb_post_restore()}); every table then holds the same rows (count and checksum),
 * and the platform opens the restored database without a migration to run.
 * <p>
 * Uses the PostgreSQL client programs of the machine ({@code /usr/lib/postgresql/N/bin}, N at
 * least the server's major version), as {@code deploy/local/timescaledb.sh} installs them.
 */
@Timeout(300)
class BackupRestoreIT {

    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)\\?(.*)$");

    @Test
    void aDumpRestoredIntoANewDatabaseHoldsEveryRowAndOpensWithoutMigrations() throws Exception {
        TestDatabases.Backend backend = TestDatabases.primary();
        try (TestDatabases.TestDatabase original = backend.create(); TestDatabases.TestDatabase restored = backend.create()) {
            // GIVEN a database at the newest schema with a community's devices, data points and events
            try (Database database = Database.open(original.settings())) {
                Fixtures fixtures = new Fixtures(database.dataSource());
                fixtures.device("det-1", "smoke_detector", "pw").device("cam-1", "camera", "pw");
                TestSql.execute(database.dataSource(), """
                        INSERT INTO telemetry (ts, device_id, metric, value)
                        SELECT now() - make_interval(mins => i), 'cam-1', 'temperature', 20 + i % 7
                          FROM generate_series(1, 20000) i;
                        INSERT INTO device_events (ts, device_id, kind, payload)
                        SELECT now() - make_interval(mins => i), 'det-1', 'heartbeat', jsonb_build_object('battery', 100 - i % 50)
                          FROM generate_series(1, 500) i;""");
            }
            boolean timescale = !TestSql.rows(dataSource(original.url()),
                    "SELECT extname FROM pg_extension WHERE extname = 'timescaledb'").isEmpty();
            Map<String, String> before = tableFingerprints(original.url());
            assertThat(before).containsKeys("telemetry", "device_events", "devices", "flyway_schema_history");

            // WHEN it is dumped and restored into a new database
            Path dump = Files.createTempFile("anju-backup", ".dump");
            try {
                String bin = clientPrograms(original.url());
                run(List.of(bin + "/pg_dump", "--format=custom", "--file=" + dump, "--no-owner"), original.url());
                if (timescale) {
                    TestSql.execute(dataSource(restored.url()),
                            "CREATE EXTENSION IF NOT EXISTS timescaledb; SELECT timescaledb_pre_restore();");
                }
                run(List.of(bin + "/pg_restore", "--no-owner", "--dbname=" + libpqName(restored.url()), dump.toString()),
                        restored.url());
                if (timescale) {
                    TestSql.execute(dataSource(restored.url()), "SELECT timescaledb_post_restore();");
                }
            } finally {
                Files.deleteIfExists(dump);
            }

            // THEN every table holds the same rows, and the platform opens it with nothing to migrate
            assertThat(tableFingerprints(restored.url())).isEqualTo(before);
            try (Database database = Database.open(restored.settings())) {
                assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM telemetry")).containsExactly("20000");
            }
            assertThat(tableFingerprints(restored.url())).as("opening migrated nothing").isEqualTo(before);
        }
    }

    /** Per table of the public schema: its row count and an MD5 over its rows in a stable order. */
    private static Map<String, String> tableFingerprints(String url) {
        var ds = dataSource(url);
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (String table : TestSql.rows(ds, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
            fingerprints.put(table, TestSql.rows(ds, "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM "
                    + table + " t").getFirst());
        }
        return fingerprints;
    }

    /** The newest client programs installed whose major version is at least the server's. */
    private static String clientPrograms(String url) throws IOException {
        int server = Integer.parseInt(TestSql.rows(dataSource(url), "SHOW server_version_num").getFirst()) / 10000;
        Path root = Path.of("/usr/lib/postgresql");
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> majors = Files.list(root)) {
                majors.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .filter(p -> Integer.parseInt(p.getFileName().toString()) >= server)
                        .filter(p -> Files.isExecutable(p.resolve("bin/pg_restore")))
                        .forEach(candidates::add);
            }
        }
        return candidates.stream().max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                .map(p -> p.resolve("bin").toString()).orElseThrow(() -> new AssertionError(
                        "no pg_dump/pg_restore >= " + server + " under /usr/lib/postgresql: install postgresql-client-"
                                + server + " (deploy/local/timescaledb.sh installs PostgreSQL 15)"));
    }

    /** Runs a client program against the database of the JDBC URL (connection through PG* variables). */
    private static void run(List<String> command, String url) throws Exception {
        Matcher m = parse(url);
        Map<String, String> query = query(m.group(4));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGHOST", m.group(1), "PGPORT", m.group(2), "PGDATABASE", m.group(3),
                "PGUSER", query.get("user"), "PGPASSWORD", query.get("password")));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor()).as(command.getFirst() + ": " + output).isZero();
    }

    private static String libpqName(String url) {
        return parse(url).group(3);
    }

    private static Matcher parse(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected jdbc:postgresql://host:port/db?user=..&password=..: " + url);
        }
        return m;
    }

    private static Map<String, String> query(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        }
        return values;
    }

    private static javax.sql.DataSource dataSource(String url) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(url);
        return ds;
    }
}
