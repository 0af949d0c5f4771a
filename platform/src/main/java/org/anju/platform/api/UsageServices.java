package org.anju.platform.api;

import org.anju.platform.charging.ChargingSessions;
import org.anju.platform.parking.ParkingReviews;
import org.anju.platform.parking.Visits;

/**
 * What the visitor-parking and EV-charging routes read and resolve (docs/billing.md).
 *
 * @param dayZone the zone of the day that decides a resident's households
 */
public record UsageServices(Visits visits, ParkingReviews parkingReviews, ChargingSessions chargingSessions,
        java.time.ZoneId dayZone) {
}
