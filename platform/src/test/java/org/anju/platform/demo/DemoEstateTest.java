package org.anju.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.anju.platform.estate.EstateSpec;
import org.anju.platform.estate.EstateSpec.HouseholdSpec;
import org.anju.platform.estate.EstateSpec.SpaceSpec;
import org.anju.platform.estate.ParkingSpaces.Ownership;
import org.anju.platform.estate.PlateFormat;
import org.anju.platform.estate.Relation;

/** The demo's people and places: realistic, valid, and the same on every run (so seeding again changes nothing). */
class DemoEstateTest {

    private static final List<String> BUILDINGS = List.of("b1", "b2", "b3");
    private static final List<String> CAMERAS = List.of("cam-1", "cam-2");
    private static final List<String> CHARGERS = List.of("ev-1", "ev-2");

    @Test
    void householdsHaveRealisticAreasAndValidUniquePlates() {
        EstateSpec plan = DemoEstate.plan(BUILDINGS, CAMERAS, CHARGERS);

        assertThat(plan.households()).hasSize(72);
        assertThat(plan.households()).allSatisfy(h -> assertThat(h.privateAreaM2())
                .isBetween(new BigDecimal("50.00"), new BigDecimal("140.00")));
        List<PlateFormat.Plate> plates = plan.households().stream().flatMap(h -> h.vehicles().stream()).toList();
        assertThat(plates).hasSizeGreaterThan(20);
        assertThat(plates).allSatisfy(p -> assertThat(PlateFormat.parse(p.text())).contains(p));
        assertThat(plates.stream().map(PlateFormat.Plate::text).distinct()).hasSameSizeAs(plates);
        assertThat(plates).anyMatch(PlateFormat.Plate::newEnergy).anyMatch(p -> !p.newEnergy());
        HouseholdSpec first = plan.households().getFirst();
        assertThat(first.residents()).singleElement()
                .satisfies(r -> assertThat(r.username()).isEqualTo(DemoEstate.RESIDENT))
                .satisfies(r -> assertThat(r.relation()).isEqualTo(Relation.OWNER));
    }

    @Test
    void spacesMixKindsAndOwnershipsAndTheChargersAreBoundToOwnedSpacesWithIdTags() {
        EstateSpec plan = DemoEstate.plan(BUILDINGS, CAMERAS, CHARGERS);

        assertThat(plan.parkingSpaces()).extracting(SpaceSpec::ownership).contains(Ownership.values());
        assertThat(plan.parkingSpaces().stream().map(SpaceSpec::kind).distinct()).hasSize(3);
        List<SpaceSpec> charged = plan.parkingSpaces().stream().filter(s -> s.charger() != null).toList();
        assertThat(charged).extracting(SpaceSpec::charger).containsExactly("ev-1", "ev-2");
        assertThat(charged).allSatisfy(s -> {
            assertThat(s.ownership()).isEqualTo(Ownership.PRIVATE);
            HouseholdSpec owner = plan.households().stream().filter(h -> h.place().equals(s.owner())).findFirst()
                    .orElseThrow();
            assertThat(owner.idTags()).hasSize(1);
        });
        assertThat(plan.carParks()).singleElement().satisfies(p -> assertThat(p.gateCameraIds()).containsExactly("cam-1"));
        assertThat(DemoEstate.plan(BUILDINGS, CAMERAS, CHARGERS)).as("the same plan every run").isEqualTo(plan);
    }
}
