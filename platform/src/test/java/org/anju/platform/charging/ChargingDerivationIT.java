package org.anju.platform.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.NewTariff;
import org.anju.platform.billing.StoredTariff;
import org.anju.platform.billing.Tariff;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.billing.UsageTariffs;
import org.anju.platform.privacy.EventSecrets;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;

/**
 * Charging sessions derived from stored charger events and meter values on a migrated database:
 * the tier split of a session across midnight (the hand-computed case of {@link TouSplitTest}),
 * billing to the household of the id tag, the review reasons, and derivation exactly once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChargingDerivationIT {

    private static final String METRIC = "connector.1.Energy.Active.Import.Register";
    private static final Instant NOW = at("2026-12-02T08:00:00+08:00");
    private static TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private static EventSecrets secrets;
    private static ChargingSettings settings;

    @BeforeAll
    static void migrate(@TempDir Path dir) throws Exception {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        work = database.work();
        secrets = EventSecrets.load(Base64.getEncoder().encodeToString(new byte[32]), dir);
        settings = new ChargingSettings(ZoneId.of("Asia/Shanghai"), Duration.ofHours(48), tariff(), 1000,
                Duration.ofMinutes(1));
        new Fixtures(database.dataSource()).device("ev-1", "ev_charger", "secret-1").device("ev-2", "ev_charger", "secret-2");
        TestSql.execute(database.dataSource(), """
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2)
                  VALUES (1, 'elm-court', 'elm-b1', NULL, 3, '301', 89.50);
                INSERT INTO charging_id_tags (community_id, id_tag, household_id) VALUES ('elm-court', 'CARD-1', 1);
                """);
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    @BeforeEach
    void empty() {
        TestSql.execute(database.dataSource(),
                "TRUNCATE device_events, telemetry, charging_session_lines, charging_sessions, charging_cursor CASCADE;");
    }

    @Test
    void aSessionAcrossMidnightIsSplitByItsMeterValuesAndBilledToTheTagsHousehold() {
        started("ev-1", 1042, "CARD-1", 500_000, "2026-11-30T21:30:00+08:00");
        meter("ev-1", 505_000, "2026-11-30T22:15:00+08:00");
        meter("ev-1", 515_000, "2026-11-30T23:45:00+08:00");
        stopped("ev-1", 1042, 520_000, "2026-12-01T00:30:00+08:00");

        assertThat(derivation(tariffs()).runOnce(NOW)).isEqualTo(new ChargingDerivation.Run(2, 1, 0));

        assertThat(rows("SELECT state, household_id, energy_wh, amount_fen, stop_reason FROM charging_sessions"))
                .containsExactly("priced 1 20000.000 1600 EVDisconnected");
        assertThat(rows("SELECT tier, wh, fen_per_kwh, cost_fen FROM charging_session_lines ORDER BY tier"))
                .containsExactly("peak 3333.333 130.0000 433", "valley 16666.667 70.0000 1167");
    }

    @Test
    void unknownTagsMetersGoingBackwardsAndSessionsWithoutStopGoToReview() {
        // 1 kWh of peak (130 fen/kWh) by a tag no household holds
        started("ev-1", 1, "STRANGER", 1_000, "2026-12-01T10:00:00+08:00");
        stopped("ev-1", 1, 2_000, "2026-12-01T10:30:00+08:00");
        started("ev-1", 2, "CARD-1", 2_000, "2026-12-01T11:00:00+08:00");
        meter("ev-1", 1_500, "2026-12-01T11:10:00+08:00");
        stopped("ev-1", 2, 3_000, "2026-12-01T11:30:00+08:00");
        started("ev-2", 3, "CARD-1", 0, "2026-11-29T10:00:00+08:00");
        stopped("ev-2", 99, 10, "2026-12-01T12:00:00+08:00");

        ChargingDerivation.Run run = derivation(tariffs()).runOnce(NOW);

        assertThat(run).isEqualTo(new ChargingDerivation.Run(6, 0, 4));
        assertThat(rows("SELECT transaction_id, state, review_reason, coalesce(amount_fen, -1) FROM charging_sessions ORDER BY transaction_id"))
                .containsExactly("1 review unknown_id_tag 130", "2 review meter_backwards -1", "3 review no_stop -1",
                        "99 review stop_without_start -1");
    }

    @Test
    void aSecondRunDerivesNothingAndAStopInALaterRunClosesTheOpenSession() {
        started("ev-1", 7, "CARD-1", 0, "2026-12-01T02:00:00+08:00");
        ChargingDerivation derivation = derivation(tariffs());
        assertThat(derivation.runOnce(NOW)).isEqualTo(new ChargingDerivation.Run(1, 0, 0));
        assertThat(derivation.runOnce(NOW)).isEqualTo(new ChargingDerivation.Run(0, 0, 0));

        stopped("ev-1", 7, 10_000, "2026-12-01T04:00:00+08:00");

        assertThat(derivation.runOnce(NOW)).isEqualTo(new ChargingDerivation.Run(1, 1, 0));
        assertThat(derivation.runOnce(NOW)).isEqualTo(new ChargingDerivation.Run(0, 0, 0));
        // 10 kWh of valley at 70 fen
        assertThat(rows("SELECT state, amount_fen FROM charging_sessions")).containsExactly("priced 700");
        assertThat(rows("SELECT count(*) FROM charging_session_lines")).containsExactly("1");
    }

    @Test
    void aRunThatFailsHalfWayLeavesNothingAndTheNextDerivesAllOnce() {
        started("ev-1", 8, "CARD-1", 0, "2026-12-01T02:00:00+08:00");
        stopped("ev-1", 8, 10_000, "2026-12-01T04:00:00+08:00");
        ChargingDerivation crashing = derivation((tx, community, from, to) -> {
            throw new IllegalStateException("killed half-way");
        });

        assertThatThrownBy(() -> crashing.runOnce(NOW)).hasMessageContaining("killed half-way");
        assertThat(rows("SELECT count(*) FROM charging_sessions")).containsExactly("0");

        assertThat(derivation(tariffs()).runOnce(NOW)).isEqualTo(new ChargingDerivation.Run(2, 1, 0));
        assertThat(rows("SELECT state, amount_fen FROM charging_sessions")).containsExactly("priced 700");
    }

    @Test
    void aSessionAcrossTheStartOfTheCommunitysOwnTariffSplitsByTheTariffInForceAtEachSlot() {
        BillingSettings billing = new BillingSettings(ZoneId.of("Asia/Shanghai"), Map.of(), 6, 70, 15);
        Tariffs tariffs = Tariffs.create(billing, new TestClock(at("2026-11-30T12:00:00+08:00")));
        Map<Tier, Tariff.TierRate> rates = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            rates.put(tier, new Tariff.TierRate(50, 30));
        }
        StoredTariff own = work.inTransaction("tariff", tx -> tariffs.add(tx, new NewTariff(Fixtures.COMMUNITY,
                LocalDate.parse("2026-12-01"), new Tariff.EvTimeOfUse(rates,
                        Collections.nCopies(Tariff.EvTimeOfUse.SLOTS, Tier.FLAT)), "pia")));
        started("ev-1", 21, "CARD-1", 0, "2026-11-30T23:00:00+08:00");
        stopped("ev-1", 21, 20_000, "2026-12-01T01:00:00+08:00");

        ChargingDerivation derivation = derivation(UsageTariffs.evTimeOfUse(tariffs, billing.zone(),
                Optional.of(settings.tariff())));
        assertThat(derivation.runOnce(NOW)).isEqualTo(new ChargingDerivation.Run(2, 1, 0));

        // before midnight the configured fallback's valley (70 fen/kWh), after it the community's flat 50 + 30
        assertThat(rows("SELECT tariff_id, tier, wh, cost_fen FROM charging_session_lines ORDER BY tariff_id"))
                .containsExactly(own.id() + " flat 10000.000 800", "default valley 10000.000 700");
        assertThat(rows("SELECT state, amount_fen FROM charging_sessions")).containsExactly("priced 1500");
    }

    @Test
    void withoutAFallbackASessionBeforeTheCommunitysFirstTariffGoesToReview() {
        BillingSettings billing = new BillingSettings(ZoneId.of("Asia/Shanghai"), Map.of(), 6, 70, 15);
        Tariffs tariffs = Tariffs.create(billing, new TestClock(at("2026-11-30T12:00:00+08:00")));
        started("ev-2", 22, "CARD-1", 0, "2026-11-29T23:00:00+08:00");
        stopped("ev-2", 22, 1_000, "2026-11-29T23:30:00+08:00");

        derivation(UsageTariffs.evTimeOfUse(tariffs, billing.zone(), Optional.empty())).runOnce(NOW);

        assertThat(rows("SELECT state, review_reason FROM charging_sessions")).containsExactly("review no_tariff");
    }

    private static ChargingDerivation derivation(TouTariffSource tariffs) {
        return new ChargingDerivation(work, settings, tariffs, new EstateIdTags(secrets, Duration.ZERO, Clock.systemUTC()));
    }

    private static TouTariffSource tariffs() {
        return TouTariffSource.fixed(settings.tariff());
    }

    /** Valley 00-08 and 22-24 at 70 fen/kWh, flat 100, peak 10-12 and 18-22 at 130, sharp 12-14 at 150.5. */
    static TouTariff tariff() {
        List<Tier> slots = new ArrayList<>();
        for (int slot = 0; slot < TouTariff.SLOTS; slot++) {
            int hour = slot / 2;
            slots.add(hour < 8 || hour >= 22 ? Tier.VALLEY
                    : hour < 10 || (hour >= 14 && hour < 18) ? Tier.FLAT
                    : hour < 12 || hour >= 18 ? Tier.PEAK : Tier.SHARP);
        }
        return new TouTariff("default", Instant.EPOCH, Map.of(Tier.VALLEY, rate("30", "40"), Tier.FLAT, rate("60", "40"),
                Tier.PEAK, rate("90", "40"), Tier.SHARP, rate("110.5", "40")), slots);
    }

    private static TouTariff.Rate rate(String electricity, String service) {
        return new TouTariff.Rate(new BigDecimal(electricity), new BigDecimal(service));
    }

    private static void started(String device, int transaction, String idTag, long meterStart, String ts) {
        event(device, "session_started", ts, """
                {"kind":"session_started","ts":"%s","v":1,"transactionId":%d,"connectorId":1,"idTag":"%s","meterStart":%d}"""
                .formatted(at(ts), transaction, secrets.matchKey("idTag", idTag), meterStart));
        meter(device, meterStart, ts);
    }

    private static void stopped(String device, int transaction, long meterStop, String ts) {
        event(device, "session_stopped", ts, """
                {"kind":"session_stopped","ts":"%s","v":1,"transactionId":%d,"connectorId":1,"meterStop":%d,"reason":"EVDisconnected"}"""
                .formatted(at(ts), transaction, meterStop));
        meter(device, meterStop, ts);
    }

    private static void event(String device, String kind, String ts, String payload) {
        work.inTransaction("test events", tx -> tx.update(
                "INSERT INTO device_events (ts, device_id, kind, payload) VALUES (?, ?, ?, ?::jsonb)", at(ts), device, kind,
                payload));
    }

    private static void meter(String device, long wh, String ts) {
        work.inTransaction("test telemetry", tx -> tx.update(
                "INSERT INTO telemetry (ts, device_id, metric, value) VALUES (?, ?, ?, ?)", at(ts), device, METRIC, (double) wh));
    }

    private static List<String> rows(String sql) {
        return TestSql.rows(database.dataSource(), sql);
    }

    private static Instant at(String ts) {
        return OffsetDateTime.parse(ts).toInstant();
    }
}
