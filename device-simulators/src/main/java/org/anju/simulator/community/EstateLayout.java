package org.anju.simulator.community;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Lays out the people and places of a community of a plan, deterministically (seeded by the
 * community id), so that provisioning them again changes nothing:
 * <ul>
 * <li>a household per door ({@code floor × 100 + door}, as the detectors' {@code household}),
 *     two doors per unit (一梯两户), private area {@value #MIN_AREA_CENTI}–{@value #MAX_AREA_CENTI}
 *     hundredths of m²;</li>
 * <li>an owner per household (login {@code <community>-b<building>-<door>}) and, in a fifth of them,
 *     a tenant too ({@code …-t});</li>
 * <li>{@code vehiclesPerHousehold} vehicles on average, a quarter with new-energy plates;</li>
 * <li>a car park behind every gate camera; an underground space for three households in five
 *     (every tenth mechanical), private, developer's or common; the first {@code chargers}
 *     spaces carry the chargers: odd ones private to a household with a new-energy car, even ones
 *     common;</li>
 * <li>a charging card (id tag) for every household with a new-energy car; a private charger knows
 *     its owner's card, a common one every card.</li>
 * </ul>
 */
public final class EstateLayout {

    /** The date residents moved in. */
    public static final String SINCE = "2018-06-01";
    static final int MIN_AREA_CENTI = 5_000;
    static final int MAX_AREA_CENTI = 14_000;
    static final String CAR_PARK = "Car park";
    private static final int DOORS_PER_UNIT = 2;
    private static final String SERIAL = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private static final String OFFICES = "ABCDEFGH";

    private EstateLayout() {
    }

    /** A resident and their membership. */
    public record Resident(String username, String displayName, boolean owner) {

        /**
         * The mobile number the resident receives parcels at: 11 digits from 139, the same for the
         * same login in every run, so that the lockers' deposits name the estate's residents
         * (docs/parcels.md; the resident registers it on the portal).
         */
        public String phone() {
            return String.format("139%08d", Math.floorMod(username.hashCode(), 100_000_000));
        }
    }

    /** A household: its place, private area (hundredths of m²), residents, plates and cards. */
    public record Household(String buildingId, String unit, int floor, String number, long areaCenti,
            List<Resident> residents, List<String> plates, List<String> idTags) {
    }

    /**
     * A parking space.
     *
     * @param ownership common, developer or private
     * @param owner     the owning household of a private space, else null
     * @param charger   the ev_charger device at the space, else null
     */
    public record Space(String number, String kind, String ownership, Household owner, String charger) {
    }

    /**
     * A community's estate.
     *
     * @param gates the gate cameras of its one car park (none: no car park)
     */
    public record Estate(List<Household> households, List<String> gates, List<Space> spaces) {

        /** Returns every resident's parcel phone, in household order. */
        public List<String> phones() {
            return households.stream().flatMap(h -> h.residents().stream()).map(Resident::phone).toList();
        }

        /** Returns every household's plates, in household order. */
        public List<String> plates() {
            return households.stream().flatMap(h -> h.plates().stream()).toList();
        }

        /** Returns the id tags charger {@code deviceId} accepts: its owner's, or everyone's at a common space. */
        public List<String> idTagsOf(String deviceId) {
            for (Space s : spaces) {
                if (deviceId.equals(s.charger())) {
                    return s.owner() != null ? s.owner().idTags()
                            : households.stream().flatMap(h -> h.idTags().stream()).toList();
                }
            }
            return List.of();
        }
    }

    /** Returns the estate of community {@code communityId} of the plan. */
    public static Estate of(CommunityPlan plan, String communityId) {
        Random random = new Random(communityId.hashCode());
        List<Household> households = new ArrayList<>();
        for (int b = 1; b <= plan.buildings(); b++) {
            for (int f = 1; f <= plan.floors(); f++) {
                for (int d = 1; d <= plan.householdsPerFloor(); d++) {
                    households.add(household(communityId, b, f, d, random));
                }
            }
        }
        assignVehicles(plan, households, random);
        List<String> gates = IntStream.rangeClosed(1, plan.gates()).mapToObj(g -> communityId + "-gate-" + g).toList();
        return new Estate(households, gates, spaces(plan, communityId, households));
    }

    private static Household household(String c, int building, int floor, int door, Random random) {
        String number = String.valueOf(floor * 100 + door);
        String login = c + "-b" + building + "-" + number;
        List<Resident> residents = new ArrayList<>();
        residents.add(new Resident(login, "Owner of " + number + ", building " + building, true));
        if (random.nextInt(5) == 0) {
            residents.add(new Resident(login + "-t", "Tenant of " + number + ", building " + building, false));
        }
        long area = MIN_AREA_CENTI + random.nextInt(MAX_AREA_CENTI - MIN_AREA_CENTI + 1);
        return new Household(c + "-b" + building, String.valueOf((door - 1) / DOORS_PER_UNIT + 1), floor, number, area,
                residents, List.of(), List.of());
    }

    /** Deals the plates out over a shuffled order of the households; households with a new-energy car get a card. */
    private static void assignVehicles(CommunityPlan plan, List<Household> households, Random random) {
        int vehicles = (int) Math.round(households.size() * plan.vehiclesPerHousehold());
        List<Integer> order = new ArrayList<>(IntStream.range(0, households.size()).boxed().toList());
        Collections.shuffle(order, random);
        List<List<String>> plates = new ArrayList<>(households.stream().map(h -> (List<String>) new ArrayList<String>())
                .toList());
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < vehicles; i++) {
            String plate;
            do {
                plate = plate(random);
            } while (!used.add(plate));
            plates.get(order.get(i % order.size())).add(plate);
        }
        int cards = 0;
        for (int i = 0; i < households.size(); i++) {
            Household h = households.get(i);
            boolean electric = plates.get(i).stream().anyMatch(p -> p.length() == 8);
            List<String> tags = electric ? List.of(String.format("CARD-%05d", ++cards)) : List.of();
            households.set(i, new Household(h.buildingId(), h.unit(), h.floor(), h.number(), h.areaCenti(), h.residents(),
                    List.copyOf(plates.get(i)), tags));
        }
    }

    /**
     * A Shanghai plate (沪 and an office letter): five serial characters, or for a quarter a small
     * new-energy plate (D battery-electric or F other, a letter or digit, four digits), GA 36-2018.
     */
    static String plate(Random random) {
        StringBuilder plate = new StringBuilder("沪").append(OFFICES.charAt(random.nextInt(OFFICES.length())));
        if (random.nextInt(4) == 0) {
            plate.append(random.nextBoolean() ? 'D' : 'F').append(SERIAL.charAt(random.nextInt(SERIAL.length())));
            for (int i = 0; i < 4; i++) {
                plate.append(random.nextInt(10));
            }
        } else {
            for (int i = 0; i < 5; i++) {
                plate.append(SERIAL.charAt(random.nextInt(SERIAL.length())));
            }
        }
        return plate.toString();
    }

    private static List<Space> spaces(CommunityPlan plan, String c, List<Household> households) {
        List<Household> electric = households.stream().filter(h -> !h.idTags().isEmpty()).toList();
        int count = Math.max(plan.chargers(), (int) Math.round(households.size() * 0.6));
        List<Space> spaces = new ArrayList<>();
        int privateOwner = 0;
        for (int i = 1; i <= count; i++) {
            String kind = i % 10 == 0 ? "mechanical" : "underground";
            String number = String.format("B1-%03d", i);
            if (i <= plan.chargers()) {
                String charger = c + "-charger-" + i;
                boolean ownCharger = i % 2 == 1 && privateOwner < electric.size();
                spaces.add(ownCharger ? new Space(number, kind, "private", electric.get(privateOwner++), charger)
                        : new Space(number, kind, "common", null, charger));
            } else {
                // a third each: bought by a household, kept by the developer, common (owners')
                Household owner = households.get((i * 7) % households.size());
                spaces.add(switch (i % 3) {
                    case 0 -> new Space(number, kind, "private", owner, null);
                    case 1 -> new Space(number, kind, "developer", null, null);
                    default -> new Space(number, kind, "common", null, null);
                });
            }
        }
        return spaces;
    }

    /** Returns the area as the API takes it: m² with two decimals. */
    static BigDecimal areaM2(Household h) {
        return BigDecimal.valueOf(h.areaCenti(), 2);
    }
}
