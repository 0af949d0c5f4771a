package org.anju.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.FundIncome;
import org.anju.platform.billing.Invoice;
import org.anju.platform.billing.InvoiceLine;
import org.anju.platform.billing.RunResult;
import org.anju.platform.billing.Stream;
import org.anju.platform.charging.ChargingSessions;
import org.anju.platform.parking.ParkingReviews;
import org.anju.platform.parking.Visits;
import org.anju.platform.parking.VisitorTariffs;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestSql;

/**
 * The platform's billing run fed by the real visitor-parking and charging records: a priced visit
 * and a priced session settled in the month become lines of their household's invoice; a visitor's
 * visit (no household), a session in review and items of another month do not; a rerun, and the
 * next month's run, bill nothing of them again.
 */
@Timeout(120)
class UsageBillablesIT {

    private static final String C = Fixtures.COMMUNITY;
    private static final YearMonth JANUARY = YearMonth.of(2027, 1);
    private static TestDatabases.TestDatabase db;
    private static Database database;
    private static UnitOfWork work;
    private static BillingServices billing;

    @BeforeAll
    static void database() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        new Fixtures(database.dataSource());
        TestSql.execute(database.dataSource(), """
                INSERT INTO households (id, community_id, building_id, floor, number, private_area_m2) VALUES
                    (1, 'elm-court', 'elm-b1', 1, '101', 89.37), (2, 'elm-court', 'elm-b1', 2, '201', 120.00);
                INSERT INTO parking_visits (id, community_id, source_key, plate, car_park, entry_ts, exit_ts, household_id,
                        exemption, amount_fen, settled_at) VALUES
                    (11, 'elm-court', 'k11', '沪A12345', 'north', '2027-01-10T01:00:00Z', '2027-01-10T05:00:00Z', 1, 'none', 800,
                        '2027-01-10T05:00:00Z'),
                    (12, 'elm-court', 'k12', '沪B00001', 'north', '2027-01-11T01:00:00Z', '2027-01-11T02:00:00Z', NULL, 'none',
                        500, '2027-01-11T02:00:00Z'),
                    (13, 'elm-court', 'k13', '沪A12345', 'north', '2027-02-02T01:00:00Z', '2027-02-02T03:00:00Z', 1, 'none', 400,
                        '2027-02-02T03:00:00Z');
                INSERT INTO charging_sessions (id, community_id, device_id, connector_id, transaction_id, household_id,
                        started_at, stopped_at, energy_wh, amount_fen, state, review_reason, settled_at) VALUES
                    (21, 'elm-court', 'elm-ev-1', 1, 7, 2, '2027-01-20T10:00:00Z', '2027-01-20T12:00:00Z', 12300, 1234,
                        'priced', NULL, '2027-01-20T12:00:00Z'),
                    (22, 'elm-court', 'elm-ev-1', 1, 8, 2, '2027-01-21T10:00:00Z', '2027-01-21T12:00:00Z', 5000, NULL,
                        'review', 'meter_backwards', NULL);
                """);
        work = database.work();
        UsageServices usage = new UsageServices(new Visits(work), new ParkingReviews(work, VisitorTariffs.fixed(null)),
                new ChargingSessions(work), ZoneId.of("Asia/Shanghai"));
        BillingSettings settings = new BillingSettings(ZoneId.of("Asia/Shanghai"), Map.of(), 6, 70, 15);
        billing = BillingServices.of(work, work, settings, new TestClock(Instant.parse("2027-02-01T01:00:00Z")),
                UsageBillables.of(usage), FundIncome.KEEP);
    }

    @AfterAll
    static void drop() {
        database.close();
        db.close();
    }

    @Test
    void aRunBillsTheMonthsVisitsAndSessionsToTheirHouseholdsOnce() {
        RunResult first = billing.runs().run(C, JANUARY);

        assertThat(first.invoices()).isEqualTo(2);
        assertThat(first.totalFen()).isEqualTo(800 + 1_234);
        List<Invoice> invoices = work.read("invoices", tx -> billing.runs().invoices(tx, C, JANUARY));
        assertThat(invoices).extracting(Invoice::householdId).containsExactly(1L, 2L);
        assertThat(invoices.get(0).lines()).extracting(InvoiceLine::stream, InvoiceLine::sourceId, InvoiceLine::amountFen)
                .containsExactly(tuple(Stream.VISITOR_PARKING, "parking-visit:11", 800L));
        assertThat(invoices.get(1).lines()).extracting(InvoiceLine::stream, InvoiceLine::sourceId, InvoiceLine::amountFen)
                .containsExactly(tuple(Stream.CHARGING, "charging-session:21", 1_234L));

        RunResult again = billing.runs().run(C, JANUARY);
        assertThat(again.alreadyRun()).isTrue();
        assertThat(again.invoices()).isEqualTo(2);
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM invoice_lines")).containsExactly("2");

        RunResult february = billing.runs().run(C, YearMonth.of(2027, 2));
        assertThat(february.invoices()).isEqualTo(1);
        assertThat(february.totalFen()).isEqualTo(400);
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM invoice_lines "
                + "WHERE source_id IN ('parking-visit:11', 'charging-session:21')")).containsExactly("2");
    }
}
