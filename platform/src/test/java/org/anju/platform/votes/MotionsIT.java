package org.anju.platform.votes;

import static org.anju.platform.testing.AtOnce.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.error.ClientError;
import org.anju.platform.audit.AuditEntry;
import org.anju.platform.auth.Principal;
import org.anju.platform.auth.Role;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.registry.Registrar;
import org.anju.platform.storage.Database;
import org.anju.platform.testing.AtOnce;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestClock;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;

/**
 * Owners' votes against a real database: the electorate snapshotted at opening, one ballot per
 * household by one of its owners, the result frozen once at close (by a read after the end or by
 * the job, concurrent closes giving one result), and what each kind of user may see.
 */
@Timeout(120)
class MotionsIT {

    private static final String COMMUNITY = Fixtures.COMMUNITY;
    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");
    private static final Principal ADMIN = user("pia", Role.PROPERTY_ADMIN, COMMUNITY);
    private static final Principal OPERATOR = user("otto", Role.OPERATOR, COMMUNITY);
    private static final Principal OLGA = user("olga", Role.RESIDENT, COMMUNITY);
    private static final Principal OSCAR = user("oscar", Role.RESIDENT, COMMUNITY);
    private static final Principal OTTILIE = user("ottilie", Role.RESIDENT, COMMUNITY);
    private static final Principal TINA = user("tina", Role.RESIDENT, COMMUNITY);
    private static final Principal STRANGER = user("sam", Role.RESIDENT, Fixtures.OTHER_COMMUNITY);
    private static final String EMPTY = "ash-lane";

    private static TestDatabase db;
    private static Database database;
    private static Vertx vertx;
    private final TestClock clock = new TestClock(T0);
    private Motions motions;

    /**
     * Elm Court's households: three of 100.00 m²; olga and her co-owner olaf own household 1, where
     * tina is a tenant; oscar owns 2, ottilie 3. sam owns a household of Oak Yard; Ash Lane has none.
     */
    @BeforeAll
    static void database() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        Fixtures fixtures = new Fixtures(database.dataSource());
        fixtures.registrar().building(new Registrar.Building("oak-b1", Fixtures.OTHER_COMMUNITY, "Building 1", 6, 1));
        fixtures.registrar().community(new Registrar.Community(EMPTY, Fixtures.TENANT, "Ash Lane", "4 Ash Lane", null,
                null));
        for (String name : List.of("olga", "olaf", "oscar", "ottilie", "tina", "sam", "newton")) {
            fixtures.user(name, name, name + "-password-long", Fixtures.TENANT, Set.of("resident"), Set.of());
        }
        TestSql.execute(database.dataSource(), """
                INSERT INTO households (id, community_id, building_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', 1, '101', 100.00), (2, 'elm-court', 'elm-b1', 1, '102', 100.00),
                  (3, 'elm-court', 'elm-b1', 1, '103', 100.00), (9, 'oak-yard', 'oak-b1', 1, '101', 80.00);
                INSERT INTO household_members (household_id, username, relation, since) VALUES
                  (1, 'olga', 'owner', '2020-01-01'), (1, 'olaf', 'owner', '2020-01-01'),
                  (1, 'tina', 'tenant', '2025-01-01'), (2, 'oscar', 'owner', '2020-01-01'),
                  (3, 'ottilie', 'owner', '2020-01-01'), (9, 'sam', 'owner', '2020-01-01')""");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void drop() {
        vertx.close();
        database.close();
        db.close();
    }

    @BeforeEach
    void motions() {
        motions = new Motions(database.work(), new Outbox(vertx), clock, ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void theResultIsCountedOnTheElectorateAtOpeningAndFrozenAtTheFirstReadAfterTheEnd() {
        // GIVEN a motion to use the fund, open for 7 days, and two of three households for it
        long id = openMotion("fund_use", 7);
        cast(OLGA, id, 1, "yes");
        cast(OSCAR, id, 2, "yes");
        // WHEN a household with a big area is added afterwards, and voting ends
        TestSql.execute(database.dataSource(), """
                INSERT INTO households (id, community_id, building_id, floor, number, private_area_m2)
                VALUES (4, 'elm-court', 'elm-b1', 2, '201', 900.00);
                INSERT INTO household_members (household_id, username, relation, since) VALUES (4, 'newton', 'owner', '2026-11-01')""");
        clock.advance(Duration.ofDays(7));

        // THEN the first read closes it: 200.00 of 300.00 m² and 2 of 3 owners, exactly 2/3, carried
        MotionView closed = motions.get(OLGA, id);
        assertThat(closed.status()).isEqualTo("closed");
        assertThat(closed.closedAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(closed.tally().frozen()).isTrue();
        assertThat(closed.tally().totalAreaM2()).isEqualByComparingTo("300.00");
        assertThat(closed.tally().participatingOwners()).isEqualTo(2);
        assertThat(closed.tally().outcome()).isEqualTo("approved");
        // AND it stays as it was: a later ballot is refused and the result does not move
        clock.advance(Duration.ofHours(1));
        assertRefused(() -> cast(OTTILIE, id, 3, "no"), ClientError.CONFLICT);
        assertThat(motions.get(ADMIN, id)).isEqualTo(closed);
        assertThat(resolution(id)).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(MotionKind.FUND_USE));
        TestSql.execute(database.dataSource(), "DELETE FROM households WHERE id = 4");
    }

    @Test
    void aHouseholdCastsOneBallotByOneOfItsOwners() {
        long id = openMotion("fund_raising", 3);
        cast(OLGA, id, 1, "yes");

        assertRefused(() -> cast(OLGA, id, 1, "no"), ClientError.CONFLICT);
        assertRefused(() -> cast(user("olaf", Role.RESIDENT, COMMUNITY), id, 1, "no"), ClientError.CONFLICT);
        assertRefused(() -> cast(TINA, id, 1, "no"), ClientError.FORBIDDEN);
        assertRefused(() -> cast(OSCAR, id, 1, "no"), ClientError.FORBIDDEN);
        assertRefused(() -> cast(ADMIN, id, 2, "yes"), ClientError.FORBIDDEN);
        assertRefused(() -> cast(STRANGER, id, 2, "yes"), ClientError.FORBIDDEN);
        assertRefused(() -> cast(OSCAR, id, 2, "maybe"), ClientError.BAD_REQUEST);
        assertThat(motions.ballot(OLGA, id, 1).choice()).isEqualTo("yes");
    }

    @Test
    void aResidentReadsTheBallotOfTheirHouseholdAndNoOther() {
        long id = openMotion("other", 3);
        cast(OLGA, id, 1, "abstain");
        cast(OSCAR, id, 2, "no");

        assertThat(motions.ballot(OLGA, id, 1).castBy()).isEqualTo("olga");
        assertRefused(() -> motions.ballot(OLGA, id, 2), ClientError.NOT_FOUND);
        assertRefused(() -> motions.ballot(TINA, id, 1), ClientError.NOT_FOUND);
        assertRefused(() -> motions.ballot(OTTILIE, id, 3), ClientError.NOT_FOUND);
        assertThat(motions.ballot(ADMIN, id, 2).choice()).isEqualTo("no");
    }

    @Test
    void residentsSeeNeitherDraftsNorTheRunningCountThatStaffSee() {
        long draft = create("rebuilding", 5);
        long id = openMotion("other", 5);
        cast(OLGA, id, 1, "yes");

        assertRefused(() -> motions.get(OLGA, draft), ClientError.FORBIDDEN);
        assertThat(motions.list(OLGA, COMMUNITY)).extracting(MotionView::id).contains(id).doesNotContain(draft);
        assertThat(motions.get(OLGA, id).tally()).isNull();
        MotionView staffView = motions.get(OPERATOR, id);
        assertThat(staffView.tally().frozen()).isFalse();
        assertThat(staffView.tally().yesOwners()).isEqualTo(1);
        assertThat(staffView.tally().outcome()).isEqualTo("no_quorum");
        assertRefused(() -> motions.list(STRANGER, COMMUNITY), ClientError.FORBIDDEN);
        assertRefused(() -> motions.open(OPERATOR, draft, audit()), ClientError.FORBIDDEN);
        assertRefused(() -> motions.open(ADMIN, id, audit()), ClientError.CONFLICT);
    }

    @Test
    void concurrentClosesFreezeOneResult() throws Exception {
        long id = openMotion("common_parts_business", 2);
        cast(OLGA, id, 1, "yes");
        cast(OSCAR, id, 2, "yes");
        cast(OTTILIE, id, 3, "no");
        clock.advance(Duration.ofDays(2));

        // WHEN requests and the close jobs of two instances (a stalled lease holder and the one that took
        // the votes.close-motions job over) find it past its end at once
        Motions otherInstance = new Motions(database.work(), new Outbox(vertx), clock, ZoneId.of("Asia/Shanghai"));
        List<Callable<Object>> closers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            closers.add(switch (i % 3) {
                case 0 -> () -> motions.closeDue();
                case 1 -> () -> otherInstance.closeDue();
                default -> () -> motions.get(OPERATOR, id);
            });
        }
        List<Object> results = AtOnce.run(closers);

        // THEN one close happened: at most one job counts it, one notification, and 2 of 3 is below 3/4
        assertThat(results.stream().filter(Integer.class::isInstance).mapToInt(Integer.class::cast).sum())
                .isLessThanOrEqualTo(1);
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM notifications WHERE topic = 'motion.closed'"
                + " AND payload ->> 'motionId' = ?", String.valueOf(id))).containsExactly("1");
        assertThat(motions.get(ADMIN, id).tally().outcome()).isEqualTo("rejected");
        assertThat(resolution(id)).isEmpty();
    }

    @Test
    void concurrentBallotsOfOneHouseholdCountOnce() throws Exception {
        long id = openMotion("other", 2);
        Principal olaf = user("olaf", Role.RESIDENT, COMMUNITY);
        List<Callable<Object>> casts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Principal owner = i % 2 == 0 ? OLGA : olaf;
            casts.add(() -> cast(owner, id, 1, "yes"));
        }

        List<Object> results = AtOnce.run(casts);

        assertThat(results).filteredOn(BallotView.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof ClientError e && e.code() == ClientError.CONFLICT).hasSize(7);
    }

    @Test
    void aMotionNeedsHouseholdsAndValidFields() {
        assertRefused(() -> motions.create(ADMIN, COMMUNITY, new JsonObject().put("kind", "coup").put("title", "x")
                .put("votingDays", 3), audit()), ClientError.BAD_REQUEST);
        assertRefused(() -> motions.create(ADMIN, COMMUNITY, new JsonObject().put("kind", "other").put("title", "x")
                .put("votingDays", 91), audit()), ClientError.BAD_REQUEST);
        assertRefused(() -> motions.create(OPERATOR, COMMUNITY, body("other", 3), audit()), ClientError.FORBIDDEN);
        Principal ashAdmin = user("pia", Role.PROPERTY_ADMIN, EMPTY);
        long id = motions.create(ashAdmin, EMPTY, body("other", 3), audit()).id();
        assertRefused(() -> motions.open(ashAdmin, id, audit()), ClientError.CONFLICT);
    }

    private static Optional<Resolution> resolution(long motionId) {
        return database.work().<Optional<Resolution>>read("test", tx -> Motions.approved(tx, motionId));
    }

    private long create(String kind, int days) {
        return motions.create(ADMIN, COMMUNITY, body(kind, days), audit()).id();
    }

    private long openMotion(String kind, int days) {
        MotionView opened = motions.open(ADMIN, create(kind, days), audit());
        assertThat(opened.status()).isEqualTo("open");
        return opened.id();
    }

    private BallotView cast(Principal who, long motionId, long householdId, String choice) {
        return motions.cast(who, motionId, new JsonObject().put("householdId", householdId).put("choice", choice));
    }

    private static JsonObject body(String kind, int days) {
        return new JsonObject().put("kind", kind).put("title", "Motion on " + kind).put("votingDays", days);
    }

    private static AuditEntry audit() {
        return AuditEntry.of("motion.test", "pia", Fixtures.TENANT, null, "community:" + COMMUNITY);
    }

    private static Principal user(String name, Role role, String community) {
        return new Principal(name, name, Fixtures.TENANT, Set.of(role), Set.of(community));
    }
}
