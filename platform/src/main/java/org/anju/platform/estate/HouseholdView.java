package org.anju.platform.estate;

import java.time.LocalDate;
import java.util.List;

import org.anju.platform.estate.Households.Household;
import org.anju.platform.estate.Households.Member;
import org.anju.platform.estate.IdTags.IdTag;
import org.anju.platform.estate.ParkingSpaces.ParkingSpace;
import org.anju.platform.estate.Vehicles.Vehicle;

/**
 * A household as the API shows it: where it is (with the names of its building and unit), its
 * area, and what belongs to it.
 *
 * @param unit     the unit's name; null when the building has no units
 * @param relation how the reading resident belongs to it; null when staff read it
 * @param since    the reading resident's membership start; null for staff
 * @param until    its end; null while open or for staff
 */
public record HouseholdView(Household household, String building, String unit, Relation relation, LocalDate since,
        LocalDate until, List<Member> members, List<Vehicle> vehicles, List<ParkingSpace> parkingSpaces,
        List<IdTag> idTags) {
}
