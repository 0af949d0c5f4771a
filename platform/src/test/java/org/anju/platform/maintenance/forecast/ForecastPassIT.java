package org.anju.platform.maintenance.forecast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.delivery.Outbox;
import org.anju.platform.ingest.DeviceTypes;
import org.anju.platform.ingest.IngestSettings;
import org.anju.platform.ingest.TelemetryIngest;
import org.anju.platform.maintenance.settings.CommunityMaintenanceSettings;
import org.anju.platform.maintenance.settings.MaintenanceSettingsStore;
import org.anju.platform.maintenance.work.WorkOrders;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.rollup.RollupSettings;
import org.anju.platform.storage.rollup.Rollups;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.protocol.DeviceMessage;
import org.anju.protocol.DeviceType;
import org.anju.protocol.Endpoint;
import org.anju.protocol.catalogue.DeviceCatalogue;

/**
 * The forecast pass on a real database, fed through the real ingest and rollups with 60 days of
 * back-dated history: a detector whose battery runs down, one whose battery holds, a camera whose
 * disk fills, an elevator whose door faults rise week by week. Only the first, third and fourth are
 * forecast, each notified once, with its evidence.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForecastPassIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(SHANGHAI);
    private static final LocalDate START = TODAY.minusDays(60);
    private static final long DISK = 1_000_000_000_000L;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void forecastsFromRollupsOnlyWhatTrendsToItsLimitAndNotifiesItOnce() throws Exception {
        try (TestDatabase db = TestDatabases.primary().create(); Database database = Database.open(db.settings());
                TelemetryIngest ingest = ingest(database)) {
            // GIVEN 60 days of history, two readings a day
            Random random = new Random(42);
            List<Future<?>> sent = new ArrayList<>();
            for (int d = 0; d < 60; d++) {
                for (int h : new int[] {9, 21}) {
                    Instant at = START.plusDays(d).atTime(h, 0).atZone(SHANGHAI).toInstant();
                    sent.add(ingest.send(message("det-falling", Endpoint.TELEMETRY, at,
                            "{\"battery\": " + (40 - 0.4 * d + random.nextGaussian() * 0.3) + "}")));
                    sent.add(ingest.send(message("det-steady", Endpoint.TELEMETRY, at,
                            "{\"battery\": " + (90 + random.nextGaussian() * 1.5) + "}")));
                    sent.add(ingest.send(message("cam-1", Endpoint.TELEMETRY, at, "{\"status\": \"OK\", \"storageUsedBytes\": "
                            + (long) (DISK * (0.5 + 0.007 * d)) + ", \"storageTotalBytes\": " + DISK + "}")));
                }
            }
            // door faults per week 0, 1, 1, 2, 2, 3, 4, 5 over the last eight weeks
            int[] perWeek = {0, 1, 1, 2, 2, 3, 4, 5};
            for (int w = 0; w < perWeek.length; w++) {
                for (int k = 0; k < perWeek[w]; k++) {
                    Instant at = TODAY.minusWeeks(8 - w).plusDays(k).atTime(10, 0).atZone(SHANGHAI).toInstant();
                    sent.add(ingest.send(message("elev-1", Endpoint.EVENT, at, "{\"kind\": \"fault\", \"code\": \"02\"}")));
                }
            }
            await(Future.all(new ArrayList<>(sent)));
            rollups(database).rebuild(START.atStartOfDay(SHANGHAI).toInstant(), TODAY.atStartOfDay(SHANGHAI).toInstant());
            TestClock clock = new TestClock(TODAY.atTime(3, 0).atZone(SHANGHAI).toInstant());
            ForecastPass pass = new ForecastPass(database.work(), ForecastSettings.defaults(SHANGHAI), new Outbox(vertx),
                    new WorkOrders(database.work(), clock), clock);

            // WHEN the pass runs
            ForecastRun run = pass.run();

            // THEN the falling battery (10 % at day 75: due in ~15 days), the filling disk (95 % at day
            // 64: due in ~4 days) and the door faults are due; the steady battery has no forecast
            assertThat(run.series()).isEqualTo(4);
            assertThat(run.dailyRows()).isEqualTo(4 * 60);
            assertThat(run.due()).isEqualTo(3);
            assertThat(run.raised()).isEqualTo(3);
            Map<String, Map<String, Object>> rows = forecasts(database);
            assertThat(rows).containsOnlyKeys("det-falling battery_depletion", "cam-1 disk_full", "elev-1 door_faults");
            Map<String, Object> battery = rows.get("det-falling battery_depletion");
            assertThat(battery.get("outcome")).isEqualTo("due");
            assertThat((Integer) battery.get("points")).isEqualTo(60);
            assertThat((Double) battery.get("slope_per_day")).isBetween(-0.44, -0.36);
            assertThat((Integer) battery.get("due_in_days")).isBetween(12, 18);
            assertThat(battery.get("earliest_on").toString()).isLessThanOrEqualTo(battery.get("expected_on").toString());
            assertThat(battery.get("latest_on").toString()).isGreaterThanOrEqualTo(battery.get("expected_on").toString());
            assertThat((Integer) rows.get("cam-1 disk_full").get("due_in_days")).isBetween(2, 6);
            assertThat(notifications(database)).hasSize(3).allSatisfy(n -> assertThat(n)
                    .startsWith(ForecastPass.TOPIC + " " + Fixtures.TENANT + " " + Fixtures.COMMUNITY + " "));
            assertThat(notifications(database)).anySatisfy(n -> assertThat(n)
                    .contains("\"deviceId\": \"det-falling\"").contains("\"points\": 60").contains("\"expectedOn\""));

            // AND each due forecast opened a work order carrying its evidence, due on its earliest day
            assertThat(workOrders(database)).containsExactlyInAnyOrder(
                    "cam-1 forecast disk_full 1 " + rows.get("cam-1 disk_full").get("earliest_on"),
                    "det-falling forecast battery_depletion 1 " + battery.get("earliest_on"),
                    "elev-1 forecast door_faults 2 " + rows.get("elev-1 door_faults").get("earliest_on"));

            // WHEN it runs again the same day THEN nothing is raised or opened twice
            assertThat(pass.run().raised()).isZero();
            assertThat(notifications(database)).hasSize(3);
            assertThat(workOrders(database)).hasSize(3);

            // WHEN a year has passed without data THEN the stale forecasts are gone
            clock.set(clock.instant().plus(Duration.ofDays(365)));
            assertThat(pass.run().series()).isZero();
            assertThat(forecasts(database)).isEmpty();
        }
    }

    @Test
    void aCommunityWithItsOwnLimitGetsTheForecastTheDefaultsWouldNotGiveAndTheOtherKeepsTheDefaults() throws Exception {
        try (TestDatabase db = TestDatabases.primary().create(); Database database = Database.open(db.settings());
                TelemetryIngest ingest = ingest(database, f -> f.device("det-elm", "smoke_detector", "pw")
                        .otherCommunityDevice("det-oak", "smoke_detector"))) {
            // GIVEN the same slow battery fall (to ~48 % in 60 days) in elm-court and in oak-yard, and
            // oak-yard's own floor of 45 % and horizon of 30 days
            List<Future<?>> sent = new ArrayList<>();
            for (int d = 0; d < 60; d++) {
                Instant at = START.plusDays(d).atTime(9, 0).atZone(SHANGHAI).toInstant();
                for (String device : new String[] {"det-elm", "det-oak"}) {
                    sent.add(ingest.send(message(device, Endpoint.TELEMETRY, at, "{\"battery\": " + (60 - 0.2 * d) + "}")));
                }
            }
            await(Future.all(new ArrayList<>(sent)));
            rollups(database).rebuild(START.atStartOfDay(SHANGHAI).toInstant(), TODAY.atStartOfDay(SHANGHAI).toInstant());
            database.work().inTransaction("test", tx -> {
                MaintenanceSettingsStore.put(tx, Fixtures.OTHER_COMMUNITY, new CommunityMaintenanceSettings(
                        new BigDecimal("45"), null, null, null, null, 30, null, null, null, null), "pam", Instant.now());
                return null;
            });
            TestClock clock = new TestClock(TODAY.atTime(3, 0).atZone(SHANGHAI).toInstant());

            // WHEN one pass runs over both
            ForecastRun run = new ForecastPass(database.work(), ForecastSettings.defaults(SHANGHAI), new Outbox(vertx),
                    new WorkOrders(database.work(), clock), clock).run();

            // THEN oak-yard's detector is due (45 % in ~16 days) with its own limit in the evidence, and one
            // order opened for it; elm-court's reaches the default 10 % in ~190 days: beyond the horizon
            assertThat(run.due()).isEqualTo(1);
            assertThat(run.beyondHorizon()).isEqualTo(1);
            Map<String, Map<String, Object>> rows = forecasts(database);
            Map<String, Object> oak = rows.get("det-oak battery_depletion");
            assertThat(oak.get("outcome")).isEqualTo("due");
            assertThat((Integer) oak.get("due_in_days")).isBetween(13, 19);
            assertThat(((Number) oak.get("limit_value")).doubleValue()).isEqualTo(45.0);
            Map<String, Object> elm = rows.get("det-elm battery_depletion");
            assertThat(elm.get("outcome")).isEqualTo("beyond_horizon");
            assertThat((Integer) elm.get("due_in_days")).isBetween(180, 200);
            assertThat(((Number) elm.get("limit_value")).doubleValue()).isEqualTo(10.0);
            assertThat(workOrders(database)).singleElement().asString().startsWith("det-oak forecast battery_depletion");
            assertThat(notifications(database)).singleElement().asString()
                    .startsWith(ForecastPass.TOPIC + " " + Fixtures.TENANT + " " + Fixtures.OTHER_COMMUNITY + " ")
                    .contains("\"limit\": 45.0");
        }
    }

    /** Returns each work order as "device source evidence-subject min-crew due-on". */
    private static List<String> workOrders(Database database) {
        return database.work().read("test", tx -> tx.query(
                "SELECT device_id, source, evidence->>'subject', min_crew, due_on FROM work_orders ORDER BY id",
                rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getInt(4) + " "
                        + rs.getString(5)));
    }

    private static Map<String, Map<String, Object>> forecasts(Database database) {
        return database.work().read("test", tx -> {
            Map<String, Map<String, Object>> rows = new java.util.TreeMap<>();
            tx.query("SELECT * FROM maintenance_forecasts", rs -> {
                Map<String, Object> row = new java.util.HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return rows.put(rs.getString("device_id") + " " + rs.getString("subject"), row);
            });
            return rows;
        });
    }

    private static List<String> notifications(Database database) {
        return database.work().read("test", tx -> tx.query(
                "SELECT topic, tenant_id, community_id, jsonb_pretty(payload) FROM notifications ORDER BY id",
                rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)));
    }

    private static Rollups rollups(Database database) {
        return Rollups.open(database.work(), database.timescale(),
                new RollupSettings(Duration.ofMinutes(1), SHANGHAI, Duration.ofDays(400), Duration.ofDays(730)),
                Clock.systemUTC());
    }

    private static TelemetryIngest ingest(Database database) {
        return ingest(database, f -> f.device("det-falling", "smoke_detector", "pw")
                .device("det-steady", "smoke_detector", "pw").device("cam-1", "camera", "pw")
                .device("elev-1", "elevator", "pw"));
    }

    private static TelemetryIngest ingest(Database database, java.util.function.Consumer<Fixtures> devices) {
        devices.accept(new Fixtures(database.dataSource()));
        DeviceTypes types = id -> Future.succeededFuture(id.startsWith("det") ? DeviceType.SMOKE_DETECTOR
                : id.startsWith("cam") ? DeviceType.CAMERA : DeviceType.ELEVATOR);
        TelemetryIngest ingest = new TelemetryIngest(database.work(), new IngestSettings(500, Duration.ofMillis(5), 5000),
                DeviceCatalogue.standard(), types, ids -> { }, new SimpleMeterRegistry());
        ingest.start();
        return ingest;
    }

    private static DeviceMessage message(String device, Endpoint endpoint, Instant ts, String json) {
        return new DeviceMessage(Fixtures.TENANT, device, endpoint, 1,
                ("{\"ts\": \"" + ts + "\"," + json.substring(1)).getBytes(UTF_8), Instant.now());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
