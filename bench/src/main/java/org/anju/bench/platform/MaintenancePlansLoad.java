package org.anju.bench.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.anju.platform.maintenance.plans.Asset;
import org.anju.platform.maintenance.plans.AssetKind;
import org.anju.platform.maintenance.plans.Assets;
import org.anju.platform.maintenance.plans.MaintenanceMode;
import org.anju.platform.maintenance.plans.PlanKind;
import org.anju.platform.maintenance.plans.PlanSpec;
import org.anju.platform.maintenance.plans.Plans;
import org.anju.platform.storage.UnitOfWork;

/**
 * The maintenance assets and plans of the benchmark fleet, through the plans' own API: every device
 * an asset (every other elevator on demand, with its registration code and next inspection), and the
 * plans of its kind, their first occurrences spread over the next 30 days (some already due).
 */
final class MaintenancePlansLoad {

    private static final Map<AssetKind, List<PlanKind>> PLANS = Map.of(
            AssetKind.ELEVATOR, List.of(PlanKind.ELEVATOR_HALF_MONTHLY, PlanKind.ELEVATOR_QUARTERLY,
                    PlanKind.ELEVATOR_HALF_YEARLY, PlanKind.ELEVATOR_ANNUAL, PlanKind.ELEVATOR_INSPECTION_APPLICATION),
            AssetKind.SMOKE_DETECTOR, List.of(PlanKind.DETECTOR_TEST, PlanKind.DETECTOR_BATTERY),
            AssetKind.FIRE_PANEL, List.of(PlanKind.UITD_TRANSMISSION_TEST, PlanKind.UITD_SELF_TEST),
            AssetKind.EV_CHARGER, List.of(PlanKind.CHARGER_INSPECTION),
            AssetKind.PARCEL_LOCKER, List.of(PlanKind.LOCKER_INSPECTION),
            AssetKind.CAMERA, List.of(PlanKind.CAMERA_INSPECTION));

    private MaintenancePlansLoad() {
    }

    /**
     * Creates the assets and plans in one transaction; returns the number of plans, 0 when a run
     * before created them here ({@code --loaded-db-url}).
     */
    static int load(UnitOfWork work, BenchFleet fleet, int communities, LocalDate today, Instant now) {
        return work.inTransaction("benchmark plans", tx -> {
            int plans = 0;
            if (Assets.get(tx, fleet.deviceId(0)).isPresent()) {
                return plans;
            }
            for (int i = 0; i < fleet.devices(); i++) {
                AssetKind kind = AssetKind.ofDeviceType(fleet.type(i)).orElseThrow();
                boolean elevator = kind == AssetKind.ELEVATOR;
                Asset asset = new Asset(fleet.deviceId(i), BenchFleet.communityId(i % communities), kind, "m-" + i % 7,
                        "Maintainer " + i % 7, "C-" + i, elevator && i % 2 == 0 ? MaintenanceMode.ON_DEMAND
                                : MaintenanceMode.CALENDAR, elevator ? "3110310100%04d%06d".formatted(2010 + i % 15, i)
                                        : null, null, elevator ? today.plusDays(30 + i % 90) : null, now);
                Assets.put(tx, asset, now);
                for (PlanKind plan : PLANS.get(kind)) {
                    Plans.create(tx, asset, PlanSpec.defaults(plan, today.plusDays(i % 30 - 5)), "bench", now);
                    plans++;
                }
            }
            return plans;
        });
    }
}
