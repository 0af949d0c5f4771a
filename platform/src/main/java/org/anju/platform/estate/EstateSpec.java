package org.anju.platform.estate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.anju.platform.estate.ParkingSpaces.Kind;
import org.anju.platform.estate.ParkingSpaces.Ownership;

/**
 * One bulk provisioning request of a community's people and places: households with their
 * residents, vehicles and id tags; car parks with their gate cameras; parking spaces.
 */
public record EstateSpec(List<HouseholdSpec> households, List<CarParkSpec> carParks, List<SpaceSpec> parkingSpaces) {

    public EstateSpec {
        households = List.copyOf(households);
        carParks = List.copyOf(carParks);
        parkingSpaces = List.copyOf(parkingSpaces);
    }

    /** Where a household is: its building, unit (null: none) and door number. */
    public record Place(String buildingId, String unit, String number) {

        @Override
        public String toString() {
            return buildingId + "/" + (unit == null ? "" : unit + "/") + number;
        }
    }

    /** A household with what belongs to it. */
    public record HouseholdSpec(Place place, int floor, BigDecimal privateAreaM2, List<ResidentSpec> residents,
            List<PlateFormat.Plate> vehicles, List<String> idTags) {
    }

    /**
     * A resident: a login (created with a generated password, or an existing resident linked) and
     * their membership of the household.
     *
     * @param displayName for a new login; null: the user name
     * @param until       null: open
     */
    public record ResidentSpec(String username, String displayName, Relation relation, LocalDate since,
            LocalDate until) {
    }

    /** A gated car park and the cameras at its gates. */
    public record CarParkSpec(String name, List<String> gateCameraIds) {
    }

    /**
     * A parking space.
     *
     * @param owner   the owning household of a private space, else null
     * @param charger the ev_charger device at the space, else null
     * @param carPark the name of its car park, else null
     */
    public record SpaceSpec(String number, Kind kind, Ownership ownership, Place owner, String charger,
            String carPark) {
    }
}
