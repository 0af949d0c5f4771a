package org.anju.platform.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.anju.platform.estate.EstateSpec;
import org.anju.platform.estate.EstateSpec.CarParkSpec;
import org.anju.platform.estate.EstateSpec.HouseholdSpec;
import org.anju.platform.estate.EstateSpec.Place;
import org.anju.platform.estate.EstateSpec.ResidentSpec;
import org.anju.platform.estate.EstateSpec.SpaceSpec;
import org.anju.platform.estate.ParkingSpaces.Kind;
import org.anju.platform.estate.ParkingSpaces.Ownership;
import org.anju.platform.estate.PlateFormat;
import org.anju.platform.estate.Relation;

/**
 * The people and places of the demo community, the same on every run (a fixed seed), so that
 * provisioning them again changes nothing: per building two units of six floors with two doors
 * (private areas 50–140 m²), a vehicle for about half of the households (Nanjing plates 苏A, a
 * quarter of them new-energy), an underground garage behind the first camera with private,
 * developer and common spaces (chargers at the first spaces), surface spaces on the road, and
 * an id tag for each household with a charger space. The demo resident owns the first household.
 */
final class DemoEstate {

    static final String RESIDENT = "resident";
    /** The demo resident's mobile number: the demo lockers' waybills name it (docs/parcels.md). */
    static final String RESIDENT_PHONE = "13800138000";
    private static final int UNITS = 2;
    private static final int FLOORS = 6;
    private static final int DOORS = 2;
    private static final String SERIAL = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private static final LocalDate SINCE = LocalDate.of(2018, 6, 1);

    private DemoEstate() {
    }

    /**
     * Returns the plan.
     *
     * @param buildingIds the community's buildings
     * @param cameraIds   its cameras (the first guards the garage gate)
     * @param chargerIds  its ev_chargers (bound to the first garage spaces)
     */
    static EstateSpec plan(List<String> buildingIds, List<String> cameraIds, List<String> chargerIds) {
        Random random = new Random(20_260_601L);
        Set<String> plates = new HashSet<>();
        List<HouseholdSpec> households = new ArrayList<>();
        for (String building : buildingIds) {
            for (int unit = 1; unit <= UNITS; unit++) {
                for (int floor = 1; floor <= FLOORS; floor++) {
                    for (int door = 1; door <= DOORS; door++) {
                        households.add(household(random, plates, building, unit, floor, door, households.isEmpty()));
                    }
                }
            }
        }
        List<SpaceSpec> spaces = new ArrayList<>();
        String garage = cameraIds.isEmpty() ? null : "地下车库 Underground garage";
        for (int i = 0; i < households.size() / 2; i++) {
            boolean charger = i < chargerIds.size();
            Ownership ownership = charger || i % 3 == 0 ? Ownership.PRIVATE
                    : i % 3 == 1 ? Ownership.DEVELOPER : Ownership.COMMON;
            Place owner = ownership == Ownership.PRIVATE ? households.get(i * 2).place() : null;
            spaces.add(new SpaceSpec(String.format("B1-%03d", i + 1), i % 10 == 9 ? Kind.MECHANICAL : Kind.UNDERGROUND,
                    ownership, owner, charger ? chargerIds.get(i) : null, garage));
            if (charger) {
                HouseholdSpec h = households.get(i * 2);
                households.set(i * 2, new HouseholdSpec(h.place(), h.floor(), h.privateAreaM2(), h.residents(),
                        h.vehicles(), List.of(String.format("DEMO-TAG-%04d", i + 1))));
            }
        }
        for (int i = 1; i <= 10; i++) {
            spaces.add(new SpaceSpec(String.format("S-%02d", i), Kind.SURFACE, Ownership.COMMON, null, null, null));
        }
        List<CarParkSpec> parks = garage == null ? List.of() : List.of(new CarParkSpec(garage, cameraIds.subList(0, 1)));
        return new EstateSpec(households, parks, spaces);
    }

    private static HouseholdSpec household(Random random, Set<String> plates, String building, int unit, int floor,
            int door, boolean first) {
        // 50.00–140.00 m², in whole hundredths
        BigDecimal area = BigDecimal.valueOf(5_000 + random.nextInt(9_001), 2);
        List<PlateFormat.Plate> vehicles = random.nextBoolean() ? List.of(plate(random, plates)) : List.of();
        List<ResidentSpec> residents = first ? List.of(new ResidentSpec(RESIDENT, null, Relation.OWNER, SINCE, null))
                : List.of();
        return new HouseholdSpec(new Place(building, String.valueOf(unit), floor + String.format("%02d", door)), floor,
                area, residents, vehicles, List.of());
    }

    /** Returns a plate not among the used ones, and adds it to them. */
    private static PlateFormat.Plate plate(Random random, Set<String> used) {
        PlateFormat.Plate plate;
        do {
            plate = plate(random);
        } while (!used.add(plate.text()));
        return plate;
    }

    private static PlateFormat.Plate plate(Random random) {
        StringBuilder plate = new StringBuilder("苏A");
        if (random.nextInt(4) == 0) {
            // a small new-energy plate: D (battery-electric) or F, a letter or digit, four digits
            plate.append(random.nextBoolean() ? 'D' : 'F').append(SERIAL.charAt(random.nextInt(SERIAL.length())));
            for (int i = 0; i < 4; i++) {
                plate.append(random.nextInt(10));
            }
        } else {
            for (int i = 0; i < 5; i++) {
                plate.append(SERIAL.charAt(random.nextInt(SERIAL.length())));
            }
        }
        return PlateFormat.parse(plate.toString()).orElseThrow();
    }
}
