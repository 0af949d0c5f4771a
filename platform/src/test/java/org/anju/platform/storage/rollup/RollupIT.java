package org.anju.platform.storage.rollup;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.anju.platform.ingest.DeviceTypes;
import org.anju.platform.ingest.IngestSettings;
import org.anju.platform.ingest.TelemetryIngest;
import org.anju.platform.storage.Database;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.RollupOracle;
import org.anju.platform.testing.TestDatabases.Backend;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestDatabases;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * The platform-maintained rollups on every backend, fed by the real ingest: on-time and late data
 * are folded in, a second run changes nothing and equals a full rebuild, daily rows are local days
 * made of hourly rows, and hours the raw retention may have thinned are never recomputed.
 * Expectations are computed in Java from the raw rows ({@link RollupOracle}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RollupIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final IngestSettings INGEST = new IngestSettings(500, Duration.ofMillis(5), 5000);
    /** Yesterday 15:00 UTC = 23:00 in Shanghai: the next hour starts another local day. */
    private static final Instant H0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS)
            .plus(15, ChronoUnit.HOURS);

    static List<Backend> backends() {
        return TestDatabases.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void onTimeAndLateDataAreFoldedIntoHoursAndLocalDays(Backend backend) throws Exception {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings());
                TelemetryIngest ingest = ingest(database)) {
            Rollups rollups = rollups(database, Duration.ofDays(90));
            // GIVEN readings in two hours that belong to two local days
            send(ingest, "det-1", H0.plusSeconds(600), "{\"battery\": 80}");
            send(ingest, "det-1", H0.plusSeconds(1200), "{\"battery\": 70}");
            send(ingest, "det-1", H0.plusSeconds(4200), "{\"battery\": 60}");
            send(ingest, "det-2", H0.plusSeconds(300), "{\"battery\": 20.5, \"smokeConcentration\": 0.25}");

            RollupRun first = rollups.run();

            assertThat(first.hoursFolded()).isEqualTo(2);
            assertThat(hourly(database)).contains(H0 + " det-1 battery count=2 min=70.0 max=80.0 sum=150.0 last=70.0 at "
                    + H0.plusSeconds(1200));
            assertThat(daily(database)).hasSize(4).anySatisfy(line -> assertThat(line).startsWith(
                    H0.plusSeconds(3600) + " det-1 battery count=1 min=60.0"));
            assertMatchesRaw(database);

            // WHEN late readings arrive: into a folded hour (one older, one newer than its last) and three days back
            send(ingest, "det-1", H0.plusSeconds(300), "{\"battery\": 90}");
            send(ingest, "det-1", H0.plusSeconds(1800), "{\"battery\": 10}");
            send(ingest, "det-1", H0.minus(3, ChronoUnit.DAYS), "{\"battery\": 5}");
            RollupRun second = rollups.run();

            // THEN they are folded in like any other
            assertThat(second.pairsFolded()).isEqualTo(2);
            assertThat(hourly(database)).contains(H0 + " det-1 battery count=4 min=10.0 max=90.0 sum=250.0 last=10.0 at "
                    + H0.plusSeconds(1800));
            assertMatchesRaw(database);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void runningAgainChangesNothingAndEqualsAFullRebuild(Backend backend) throws Exception {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings());
                TelemetryIngest ingest = ingest(database)) {
            Rollups rollups = rollups(database, Duration.ofDays(90));
            for (int i = 0; i < 30; i++) {
                send(ingest, i % 2 == 0 ? "det-1" : "det-2", H0.plus(i * 7, ChronoUnit.MINUTES),
                        "{\"battery\": " + (100 - i) + ", \"temperature\": " + (i % 5) + ".5}");
            }
            // two readings with the same timestamp: "last" must not depend on the order rows are read in
            send(ingest, "det-1", H0.plusSeconds(3599), "{\"battery\": 3}");
            send(ingest, "det-1", H0.plusSeconds(3599), "{\"battery\": 4}");
            rollups.run();
            List<String> hourly = hourly(database);
            List<String> daily = daily(database);

            RollupRun again = rollups.run();
            assertThat(again).isEqualTo(RollupRun.NOTHING);
            assertThat(hourly(database)).isEqualTo(hourly);
            assertThat(daily(database)).isEqualTo(daily);

            rollups.rebuild(H0.minus(1, ChronoUnit.DAYS), H0.plus(1, ChronoUnit.DAYS));
            assertThat(hourly(database)).isEqualTo(hourly);
            assertThat(daily(database)).isEqualTo(daily);
            assertThat(hourly).anySatisfy(line -> assertThat(line).contains("det-1 battery").contains("last=4.0 at "
                    + H0.plusSeconds(3599)));
            assertMatchesRaw(database);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void hoursOlderThanTheRawRetentionAreNeverRecomputed(Backend backend) throws Exception {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings());
                TelemetryIngest ingest = ingest(database)) {
            Rollups rollups = rollups(database, Duration.ofDays(2));
            Instant old = H0.minus(5, ChronoUnit.DAYS);
            // GIVEN an hourly row folded while that hour's raw rows still existed (they have expired since)
            execute(database, "INSERT INTO telemetry_hourly VALUES ('" + old + "', 'det-1', 'battery', 12, 1, 9, 60, 5, '"
                    + old.plusSeconds(3000) + "')");

            // WHEN a straggler for that hour arrives
            send(ingest, "det-1", old.plusSeconds(60), "{\"battery\": 77}");
            RollupRun run = rollups.run();

            // THEN its mark is dropped and the hour keeps what it had
            assertThat(run.marksDiscarded()).isEqualTo(1);
            assertThat(run.pairsFolded()).isZero();
            assertThat(hourly(database)).containsExactly(old + " det-1 battery count=12 min=1.0 max=9.0 sum=60.0 last=5.0 at "
                    + old.plusSeconds(3000));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void runsConcurrentWithIngestMissNothing(Backend backend) throws Exception {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings());
                TelemetryIngest ingest = ingest(database)) {
            Rollups rollups = rollups(database, Duration.ofDays(90));
            // GIVEN ingest writing (also late rows) while the job runs again and again
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                List<Future<Void>> acks = new ArrayList<>();
                for (int i = 0; i < 1500; i++) {
                    Instant ts = H0.plus(i % 300, ChronoUnit.MINUTES).plusMillis(i);
                    acks.add(ingest.send(telemetry("det-" + (1 + i % 2), ts, "{\"battery\": " + (i % 97) + "}")));
                }
                await(Future.all(acks));
            });
            while (!writing.isDone()) {
                rollups.run();
            }
            writing.get(60, TimeUnit.SECONDS);

            // WHEN the job runs once more after the last commit
            rollups.run();

            // THEN every committed row is in the rollups
            assertMatchesRaw(database);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aWriterMarksAPairOncePerJobRunNotOncePerBatch(Backend backend) throws Exception {
        try (TestDatabase db = backend.create(); Database database = Database.open(db.settings())) {
            Rollups rollups = rollups(database, Duration.ofDays(90));
            RollupMarks marks = new RollupMarks();
            DirtyHours batch = new DirtyHours();
            batch.add("det-1", H0.plusSeconds(5));
            mark(database, marks, batch);
            // the mark vanishing behind the writer's back shows whether the writer writes it again
            execute(database, "DELETE FROM rollup_dirty");

            mark(database, marks, batch);
            assertThat(count(database, "SELECT count(*) FROM rollup_dirty")).as("still marked: not written again").isZero();

            rollups.run();
            mark(database, marks, batch);
            assertThat(count(database, "SELECT count(*) FROM rollup_dirty")).as("the job took the marks").isEqualTo(1);
        }
    }

    private static void mark(Database database, RollupMarks marks, DirtyHours batch) {
        database.work().inTransaction("test marks", tx -> {
            marks.write(tx, batch);
            tx.afterCommit(marks::committed);
            return null;
        });
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Rollups rollups(Database database, Duration rawKeptFor) {
        return Rollups.open(database.work(), database.timescale(),
                new RollupSettings(Duration.ofMinutes(1), SHANGHAI, rawKeptFor, Duration.ofDays(730)), Clock.systemUTC());
    }

    private static TelemetryIngest ingest(Database database) {
        new Fixtures(database.dataSource()).device("det-1", "smoke_detector", "pw").device("det-2", "smoke_detector", "pw");
        // every device here is a smoke detector: its payloads are decoded by that schema
        DeviceTypes types = deviceId -> Future.succeededFuture(DeviceType.SMOKE_DETECTOR);
        TelemetryIngest ingest = new TelemetryIngest(database.work(), INGEST, DeviceCatalogue.standard(), types,
                ids -> { }, new SimpleMeterRegistry());
        ingest.start();
        return ingest;
    }

    private static void assertMatchesRaw(Database database) throws SQLException {
        assertThat(hourly(database)).isEqualTo(RollupOracle.expectedHourly(database.dataSource()));
        assertThat(daily(database)).isEqualTo(RollupOracle.expectedDaily(database.dataSource(), SHANGHAI));
    }

    private static List<String> hourly(Database database) throws SQLException {
        return RollupOracle.actualHourly(database.dataSource());
    }

    private static List<String> daily(Database database) throws SQLException {
        return RollupOracle.actualDaily(database.dataSource());
    }

    private static void send(TelemetryIngest ingest, String device, Instant ts, String json) {
        await(ingest.send(telemetry(device, ts, json)));
    }

    private static DeviceMessage telemetry(String device, Instant ts, String json) {
        return new DeviceMessage(Fixtures.TENANT, device, Endpoint.TELEMETRY, 1,
                ("{\"ts\": \"" + ts + "\"," + json.substring(1)).getBytes(UTF_8), Instant.now());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("message not stored: " + e, e);
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
