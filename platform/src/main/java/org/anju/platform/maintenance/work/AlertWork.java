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
import org.anju.platform.maintenance.settings.CommunityMaintenanceSettings;
import org.anju.platform.maintenance.settings.MaintenanceSettingsStore;
import org.anju.platform.storage.UnitOfWork;

/**
 * Fault alerts become corrective work orders (source {@code alert}, reference {@code alert:<id>}):
 * every alert whose type names a fault ({@code elevator_fault.04}, {@code charger_fault.1.GroundFailure},
 * {@code locker_door_fault.3}, {@code camera_storage_fault}, {@code detector_fault},
 * {@code panel_bus_fault}, {@code uitd_fault.*}) and a smoke detector's {@code low_battery},
 * {@code end_of_life} and {@code self_test_failed}, on an elevator, charger, locker, camera, smoke
 * detector or fire panel. An alert that justifies one of the maintenance fund's {@link Emergency}
 * kinds (elevator overtravel 09/10, a failed fire facility) makes an emergency order, due
 * {@code emergencyDueDays} after the fault (default the same day); other faults are due
 * {@code faultDueDays} after it (default the next day), the figures of the alert's community
 * ({@link MaintenanceSettingsStore}). Elevator work needs two people on site.
 */
public final class AlertWork implements FaultWork {

    /** People on site for work on an elevator (TSG T5002). */
    static final int ELEVATOR_CREW = 2;

    private static final Set<String> MAINTAINED = Set.of("elevator", "ev_charger", "parcel_locker", "camera",
            "smoke_detector", "fire_panel");
    private static final Set<String> DETECTOR_WEAR = Set.of("low_battery", "end_of_life", "self_test_failed");

    private final WorkOrders orders;
    private final Clock clock;
    private final ZoneId dayZone;
    private final CommunityMaintenanceSettings defaults;

    /** Returns the work of fault alerts with the documented due days ({@link CommunityMaintenanceSettings#DEFAULTS}). */
    public AlertWork(WorkOrders orders, Clock clock, ZoneId dayZone) {
        this(orders, clock, dayZone, CommunityMaintenanceSettings.DEFAULTS);
    }

    /**
     * Returns the work of fault alerts.
     *
     * @param defaults the platform's figures (due days), which a community's own override
     */
    public AlertWork(WorkOrders orders, Clock clock, ZoneId dayZone, CommunityMaintenanceSettings defaults) {
        this.orders = orders;
        this.clock = clock;
        this.dayZone = dayZone;
        this.defaults = defaults;
    }

    @Override
    public Optional<Long> opened(UnitOfWork.Tx tx, AlertView alert) throws SQLException {
        if (!needsWork(alert.deviceType(), alert.type())) {
            return Optional.empty();
        }
        Optional<Emergency> emergency = emergencyOf(alert.type());
        LocalDate today = LocalDate.ofInstant(clock.instant(), dayZone);
        CommunityMaintenanceSettings figures = MaintenanceSettingsStore.of(tx, alert.communityId()).over(defaults);
        DueWork due = new DueWork(alert.communityId(), alert.deviceId(), WorkSource.ALERT, "alert:" + alert.id(),
                today.plusDays(emergency.isPresent() ? figures.emergencyDueDays() : figures.faultDueDays()),
                "Fault " + alert.type() + " on " + alert.deviceId(), List.of(),
                alert.deviceType().equals("elevator") ? ELEVATOR_CREW : 1, emergency.isPresent(), null);
        return Optional.of(orders.open(tx, due, alert.id(), emergency.map(Emergency::wireName).orElse(null)));
    }

    /**
     * Records on the alert's order that its fault cleared; the order stays open: a fault that cleared
     * itself (an elevator back to normal) still needs a technician's inspection before it is verified.
     */
    @Override
    public void cleared(UnitOfWork.Tx tx, AlertView alert) throws SQLException {
        orders.faultCleared(tx, alert.workOrderId(), alert.clearedAt() != null ? alert.clearedAt() : clock.instant(),
                dayZone);
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
