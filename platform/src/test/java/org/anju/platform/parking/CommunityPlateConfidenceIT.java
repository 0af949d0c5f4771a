package org.anju.platform.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.settings.BillingSettingsStore;
import org.anju.platform.billing.settings.CommunityBillingSettings;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;

/**
 * Per-community billing settings reach their readers: the billing settings of a community are its
 * own figures over the platform's, and the parking derivation sends a read below the community's
 * plate confidence (0.9, the platform's is 0.8) to review.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommunityPlateConfidenceIT {

    private static TestDatabase db;
    private static Database database;
    private static UnitOfWork work;

    @BeforeAll
    static void migrate() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        work = database.work();
        new Fixtures(database.dataSource()).device("cam-1", "camera", "secret-1").device("cam-2", "camera", "secret-2");
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    @Test
    void aCommunitysOwnFiguresOverrideThePlatformsWhereItHasThem() {
        BillingSettings platform = new BillingSettings(ZoneId.of("Asia/Shanghai"), Map.of(), 6, 70, 15);
        BillingSettings before = work.read("settings", tx -> platform.of(tx, "elm-court"));
        assertThat(before).isEqualTo(platform);
        work.inTransaction("settings", tx -> {
            BillingSettingsStore.put(tx, "elm-court", new CommunityBillingSettings(30, null, 12, List.of(5, 20),
                    new BigDecimal("0.9")), "pia");
            return null;
        });
        BillingSettings elm = work.read("settings", tx -> platform.of(tx, "elm-court"));
        assertThat(List.of(elm.invoiceDueDays(), elm.commonAreaFundSharePercent(), elm.nonOwnerLeaseMaxMonths()))
                .containsExactly(30, 70, 12);
        assertThat(elm.reminderDaysPastDue()).containsExactly(5, 20);
        BillingSettings oak = work.read("settings", tx -> platform.of(tx, "oak-yard"));
        assertThat(oak).isEqualTo(platform);

        // 0.85 passes the platform's 0.8 but not elm-court's 0.9: both reads go to review, no visit
        read("cam-1", "in", "2026-12-01T10:00:00+08:00");
        read("cam-2", "out", "2026-12-01T11:00:00+08:00");
        new ParkingDerivation(work, ParkingSettings.DEFAULTS, VisitorTariffs.fixed(new VisitorTariff(30, 500, 3000)),
                ActiveContracts.NONE).runOnce(Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(TestSql.rows(database.dataSource(), "SELECT reason FROM parking_reviews ORDER BY id"))
                .containsExactly("low_confidence", "low_confidence");
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM parking_visits")).containsExactly("0");
    }

    /** Stores a plate_read event of confidence 0.85 as ingest normalises it. */
    private static void read(String device, String direction, String ts) {
        Instant at = OffsetDateTime.parse(ts).toInstant();
        String payload = ("{\"kind\":\"plate_read\",\"ts\":\"%s\",\"v\":1,\"plate\":\"京B22222\",\"direction\":\"%s\","
                + "\"gateId\":\"g-%s\",\"confidence\":0.85,\"readable\":true}").formatted(at, direction, device);
        work.inTransaction("test events", tx -> tx.update(
                "INSERT INTO device_events (ts, device_id, kind, payload) VALUES (?, ?, 'plate_read', ?::jsonb)", at,
                device, payload));
    }
}
