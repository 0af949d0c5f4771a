package org.anju.platform.maintenance.work;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.anju.platform.alerts.AlertView;
import org.anju.platform.alerts.FaultWork;
import org.anju.platform.fund.Emergency;
import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.storage.UnitOfWork;

/**
 * Fault alerts become corrective work orders (source {@code alert}, reference {@code alert:<id>}):
 * every alert whose type names a fault ({@code elevator_fault.04}, {@code charger_fault.1.GroundFailure},
 * {@code locker_door_fault.3}, {@code camera_storage_fault}, {@code detector_fault},
 * {@code panel_bus_fault}, {@code uitd_fault.*}) and a smoke detector's {@code low_battery},
 * {@code end_of_life} and {@code self_test_failed}, on an elevator, charger, locker, camera, smoke
 * detector or fire panel. An alert that justifies one of the maintenance fund's {@link Emergency}
 * kinds (elevator overtravel 09/10, a failed fire facility) makes an emergency order, due the same
 * day; other faults are due the next day. Elevator work needs two people on site.
 */
public final class AlertWork implements FaultWork {

    /** Days from the fault to the day a non-emergency corrective order is due. */
    static final int FAULT_DUE_DAYS = 1;
    /** People on site for work on an elevator (TSG T5002). */
    static final int ELEVATOR_CREW = 2;

    private static final Set<String> MAINTAINED = Set.of("elevator", "ev_charger", "parcel_locker", "camera",
            "smoke_detector", "fire_panel");
    private static final Set<String> DETECTOR_WEAR = Set.of("low_battery", "end_of_life", "self_test_failed");

    private final WorkOrders orders;
    private final Clock clock;
    private final ZoneId dayZone;

    public AlertWork(WorkOrders orders, Clock clock, ZoneId dayZone) {
        this.orders = orders;
        this.clock = clock;
        this.dayZone = dayZone;
    }

    @Override
    public Optional<Long> opened(UnitOfWork.Tx tx, AlertView alert) throws SQLException {
        if (!needsWork(alert.deviceType(), alert.type())) {
            return Optional.empty();
        }
        Optional<Emergency> emergency = emergencyOf(alert.type());
        LocalDate today = LocalDate.ofInstant(clock.instant(), dayZone);
        DueWork due = new DueWork(alert.communityId(), alert.deviceId(), WorkSource.ALERT, "alert:" + alert.id(),
                emergency.isPresent() ? today : today.plusDays(FAULT_DUE_DAYS),
                "Fault " + alert.type() + " on " + alert.deviceId(), List.of(),
                alert.deviceType().equals("elevator") ? ELEVATOR_CREW : 1, emergency.isPresent(), null);
        return Optional.of(orders.open(tx, due, alert.id(), emergency.map(Emergency::wireName).orElse(null)));
    }

    /** Returns whether an alert of this type on a device of this type opens maintenance work. */
    static boolean needsWork(String deviceType, String alertType) {
        return MAINTAINED.contains(deviceType) && (alertType.contains("fault")
                || (deviceType.equals("smoke_detector") && DETECTOR_WEAR.contains(alertType)));
    }

    /** Returns the fund's emergency that an alert of this type justifies. */
    static Optional<Emergency> emergencyOf(String alertType) {
        return Arrays.stream(Emergency.values()).filter(e -> e.justifiedBy(alertType)).findFirst();
    }
}
