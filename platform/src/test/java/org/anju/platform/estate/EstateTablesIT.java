package org.anju.platform.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.anju.platform.estate.Households.Household;
import org.anju.platform.estate.Households.Member;
import org.anju.platform.estate.ParkingSpaces.CarPark;
import org.anju.platform.estate.ParkingSpaces.Kind;
import org.anju.platform.estate.ParkingSpaces.Ownership;
import org.anju.platform.estate.ParkingSpaces.ParkingSpace;
import org.anju.platform.estate.Vehicles.Vehicle;
import org.anju.platform.storage.Database;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.testing.Fixtures;
import org.anju.platform.testing.TestDatabases;
import org.anju.platform.testing.TestDatabases.TestDatabase;
import org.anju.platform.testing.TestSql;

/**
 * The estate tables on a migrated database: the constraints SQL enforces (positive area, one
 * household per door, plates and space numbers unique per community, a private space has an owner,
 * nothing points across communities) and the read API other capabilities use.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EstateTablesIT {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static TestDatabase db;
    private static Database database;
    private static UnitOfWork work;

    @BeforeAll
    static void migrate() {
        db = TestDatabases.primary().create();
        database = Database.open(db.settings());
        work = database.work();
        new Fixtures(database.dataSource())
                .user("olga", "Olga Owner", "olga-password", Fixtures.TENANT, Set.of("resident"), Set.of(Fixtures.COMMUNITY))
                .user("otto", "Otto Owner", "otto-password", Fixtures.TENANT, Set.of("resident"), Set.of(Fixtures.COMMUNITY))
                .user("tina", "Tina Tenant", "tina-password", Fixtures.TENANT, Set.of("resident"), Set.of(Fixtures.COMMUNITY))
                .device("cam-gate-1", "camera", "secret-1").device("cam-gate-2", "camera", "secret-2")
                .device("ev-1", "ev_charger", "secret-3")
                .otherCommunityDevice("oak-cam", "camera");
        sql("""
                INSERT INTO buildings (id, community_id, name) VALUES ('oak-b1', 'oak-yard', 'Oak 1');
                INSERT INTO units (id, building_id, name) VALUES ('elm-b1-u1', 'elm-b1', 'Unit 1'), ('elm-b1-u2', 'elm-b1', 'Unit 2');
                INSERT INTO households (id, community_id, building_id, unit_id, floor, number, private_area_m2) VALUES
                  (1, 'elm-court', 'elm-b1', 'elm-b1-u1', 3, '301', 89.50),
                  (2, 'elm-court', 'elm-b1', 'elm-b1-u2', 3, '301', 120.25),
                  (3, 'elm-court', 'elm-b1', NULL, 1, '101', 65.00),
                  (4, 'oak-yard', 'oak-b1', NULL, 2, '201', 70.00);
                INSERT INTO household_members (household_id, username, relation, since, until) VALUES
                  (1, 'olga', 'owner', '2020-01-01', NULL),
                  (1, 'tina', 'tenant', '2026-06-01', '2026-12-01'),
                  (2, 'tina', 'tenant', '2026-12-01', NULL),
                  (2, 'otto', 'owner', '2019-05-01', NULL),
                  (2, 'olga', 'owner', '2027-01-01', NULL);
                INSERT INTO vehicles (community_id, household_id, plate, new_energy) VALUES
                  ('elm-court', 1, '京A12345', false), ('elm-court', 2, '京AD12345', true),
                  ('oak-yard', 4, '京A12345', false);
                INSERT INTO car_parks (id, community_id, name) VALUES (1, 'elm-court', 'North garage'), (2, 'elm-court', 'Lot');
                INSERT INTO car_park_gates (device_id, car_park_id) VALUES ('cam-gate-2', 1), ('cam-gate-1', 1);
                INSERT INTO parking_spaces (community_id, number, kind, ownership, owner_household_id, charger_device_id, car_park_id) VALUES
                  ('elm-court', 'B1-001', 'underground', 'private', 2, 'ev-1', 1),
                  ('elm-court', 'B1-002', 'underground', 'common', NULL, NULL, 1),
                  ('elm-court', 'S-01', 'surface', 'developer', NULL, NULL, NULL);
                INSERT INTO charging_id_tags (community_id, id_tag, household_id, enabled) VALUES
                  ('elm-court', 'TAG-0001', 2, true), ('elm-court', 'TAG-0002', 2, false);
                SELECT setval('households_id_seq', 100);
                SELECT setval('car_parks_id_seq', 100);
                """);
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            database.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void householdsAreReadByIdCommunityAndPage() {
        Household first = new Household(1, "elm-court", "elm-b1", "elm-b1-u1", 3, "301", new BigDecimal("89.50"));
        assertThat(optional(tx -> Households.byId(tx, 1))).contains(first);
        assertThat(optional(tx -> Households.byId(tx, 99))).isEmpty();
        assertThat(list(tx -> Households.ofCommunity(tx, "elm-court"))).extracting(Household::id).containsExactly(1L, 2L, 3L);
        assertThat(list(tx -> Households.page(tx, "elm-court", 1, 1))).extracting(Household::id).containsExactly(2L);
        assertThat(map(tx -> Households.byIds(tx, List.of(4L, 1L, 77L))).keySet()).containsExactly(1L, 4L);
    }

    @Test
    void membershipsHoldFromSinceUntilTheDayBeforeUntil() {
        assertThat(map(tx -> Households.owners(tx, "elm-court", DAY)))
                .isEqualTo(Map.of(1L, List.of("olga"), 2L, List.of("otto")));
        assertThat(map(tx -> Households.owners(tx, "elm-court", LocalDate.of(2027, 1, 1))))
                .isEqualTo(Map.of(1L, List.of("olga"), 2L, List.of("olga", "otto")));

        // tina moved from household 1 (until 12-01, exclusive) to household 2 (since 12-01)
        assertThat(list(tx -> Households.ofUser(tx, "tina", DAY.minusDays(1))))
                .extracting(m -> m.household().id() + " " + m.relation()).containsExactly("1 TENANT");
        assertThat(list(tx -> Households.ofUser(tx, "tina", DAY)))
                .extracting(m -> m.household().id() + " " + m.relation()).containsExactly("2 TENANT");
        assertThat(optional(tx -> Households.relationOf(tx, 1, "tina", DAY))).isEmpty();
        assertThat(optional(tx -> Households.relationOf(tx, 2, "otto", DAY))).contains(Relation.OWNER);
        assertThat(list(tx -> Households.members(tx, 1))).containsExactly(
                new Member(1, "olga", Relation.OWNER, LocalDate.of(2020, 1, 1), null),
                new Member(1, "tina", Relation.TENANT, LocalDate.of(2026, 6, 1), DAY));
    }

    @Test
    void aPlateIsFoundInItsCommunityHoweverItIsWritten() {
        assertThat(optional(tx -> Vehicles.byPlate(tx, "elm-court", "京a·12345"))).map(Vehicle::householdId).contains(1L);
        assertThat(optional(tx -> Vehicles.byPlate(tx, "oak-yard", "京A12345"))).map(Vehicle::householdId).contains(4L);
        assertThat(optional(tx -> Vehicles.byPlate(tx, "elm-court", "京B99999"))).isEmpty();
        assertThat(map(tx -> Vehicles.householdsOfPlates(tx, "elm-court", List.of("京AD 12345", "京A12345", "沪C00000"))))
                .isEqualTo(Map.of("京AD 12345", 2L, "京A12345", 1L));
        assertThat(list(tx -> Vehicles.ofHouseholds(tx, List.of(2L)))).extracting(Vehicle::plate, Vehicle::newEnergy)
                .containsExactly(tuple("京AD12345", true));
    }

    @Test
    void spacesCarParksAndTheirGateCamerasAreRead() {
        ParkingSpace owned = optional(tx -> ParkingSpaces.byNumber(tx, "elm-court", "B1-001")).orElseThrow();
        assertThat(owned.kind()).isEqualTo(Kind.UNDERGROUND);
        assertThat(owned.ownership()).isEqualTo(Ownership.PRIVATE);
        assertThat(owned.ownerHouseholdId()).isEqualTo(2L);
        assertThat(owned.chargerDeviceId()).isEqualTo("ev-1");
        assertThat(list(tx -> ParkingSpaces.ownedBy(tx, List.of(1L, 2L)))).containsExactly(owned);
        assertThat(list(tx -> ParkingSpaces.ofCharger(tx, "ev-1"))).containsExactly(owned);
        assertThat(list(tx -> ParkingSpaces.ofCommunity(tx, "elm-court"))).extracting(ParkingSpace::number)
                .containsExactly("B1-001", "B1-002", "S-01");
        assertThat(optional(tx -> ParkingSpaces.byNumber(tx, "elm-court", "S-01")).orElseThrow().carParkId()).isNull();

        CarPark garage = new CarPark(1, "elm-court", "North garage", List.of("cam-gate-1", "cam-gate-2"));
        assertThat(optional(tx -> ParkingSpaces.carParkOfCamera(tx, "cam-gate-2"))).contains(garage);
        assertThat(optional(tx -> ParkingSpaces.carParkOfCamera(tx, "oak-cam"))).isEmpty();
        assertThat(list(tx -> ParkingSpaces.carParks(tx, "elm-court")))
                .containsExactly(new CarPark(2, "elm-court", "Lot", List.of()), garage);
    }

    @Test
    void anEnabledIdTagBillsItsHousehold() {
        assertThat(optional(tx -> IdTags.householdOf(tx, "elm-court", "TAG-0001"))).contains(2L);
        assertThat(optional(tx -> IdTags.householdOf(tx, "elm-court", "TAG-0002"))).as("blocked").isEmpty();
        assertThat(optional(tx -> IdTags.householdOf(tx, "oak-yard", "TAG-0001"))).as("other community").isEmpty();
        assertThat(list(tx -> IdTags.ofHousehold(tx, 2))).extracting(IdTags.IdTag::idTag)
                .containsExactly("TAG-0001", "TAG-0002");
    }

    @Test
    void theSchemaRefusesWhatCannotBeTrue() {
        assertRefused("INSERT INTO households (community_id, building_id, floor, number, private_area_m2) "
                + "VALUES ('elm-court', 'elm-b1', 1, '102', 0)", "households_private_area_m2_check");
        assertRefused("INSERT INTO households (community_id, building_id, floor, number, private_area_m2) "
                + "VALUES ('elm-court', 'elm-b1', 1, '101', 50)", "households_place_key");
        assertRefused("INSERT INTO vehicles (community_id, household_id, plate, new_energy) "
                + "VALUES ('elm-court', 2, '京A12345', false)", "vehicles_community_id_plate_key");
        assertRefused("INSERT INTO vehicles (community_id, household_id, plate, new_energy) "
                + "VALUES ('elm-court', 4, '京B12345', false)", "vehicles_household_id_community_id_fkey");
        assertRefused("INSERT INTO vehicles (community_id, household_id, plate, new_energy) "
                + "VALUES ('elm-court', 1, '京b 12345', false)", "vehicles_plate_check");
        assertRefused("INSERT INTO parking_spaces (community_id, number, kind, ownership) "
                + "VALUES ('elm-court', 'B1-001', 'surface', 'common')", "parking_spaces_community_id_number_key");
        assertRefused("INSERT INTO parking_spaces (community_id, number, kind, ownership) "
                + "VALUES ('elm-court', 'P-9', 'surface', 'private')", "parking_spaces_check");
        assertRefused("INSERT INTO parking_spaces (community_id, number, kind, ownership, owner_household_id) "
                + "VALUES ('elm-court', 'P-9', 'surface', 'common', 1)", "parking_spaces_check");
        assertRefused("INSERT INTO parking_spaces (community_id, number, kind, ownership, owner_household_id) "
                + "VALUES ('elm-court', 'P-9', 'surface', 'private', 4)", "parking_spaces_owner_household_id_community_id_fkey");
        assertRefused("INSERT INTO parking_spaces (community_id, number, kind, ownership) "
                + "VALUES ('elm-court', 'P-9', 'rooftop', 'common')", "parking_spaces_kind_check");
        assertRefused("INSERT INTO household_members (household_id, username, relation, since, until) "
                + "VALUES (3, 'otto', 'owner', '2026-01-01', '2026-01-01')", "household_members_check");
        assertRefused("INSERT INTO charging_id_tags (community_id, id_tag, household_id) "
                + "VALUES ('oak-yard', 'TAG-9', 1)", "charging_id_tags_household_id_community_id_fkey");
        // the same plate and space number in another community are another vehicle and space
        sql("INSERT INTO parking_spaces (community_id, number, kind, ownership) VALUES ('oak-yard', 'B1-001', 'surface', 'common')");
    }

    private static void assertRefused(String statement, String constraint) {
        assertThatThrownBy(() -> sql(statement)).hasMessageContaining(constraint);
    }

    private static void sql(String statements) {
        TestSql.execute(database.dataSource(), statements);
    }

    private static <T> List<T> list(UnitOfWork.Work<List<T>> query) {
        return work.read("estate", query);
    }

    private static <T> Optional<T> optional(UnitOfWork.Work<Optional<T>> query) {
        return work.read("estate", query);
    }

    private static <K, V> Map<K, V> map(UnitOfWork.Work<Map<K, V>> query) {
        return work.read("estate", query);
    }
}
