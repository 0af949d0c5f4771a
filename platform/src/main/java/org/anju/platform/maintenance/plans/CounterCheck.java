package org.anju.platform.maintenance.plans;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.platform.maintenance.DueWork;
import org.anju.platform.maintenance.WorkOrderSink;
import org.anju.platform.maintenance.WorkSource;
import org.anju.platform.storage.UnitOfWork;

/**
 * On-demand maintenance brought forward by usage: an on-demand asset whose counter reached its
 * threshold gets one work order per maintenance cycle ({@code counter:<counter>:<deviceId>:<since>},
 * due today, with the half-monthly checklist and crew), whichever counter got there first.
 */
final class CounterCheck {

    private CounterCheck() {
    }

    /** Opens the counter work due today; returns how many orders it opened. Runs in the caller's transaction. */
    static int run(UnitOfWork.Tx tx, WorkOrderSink sink, PlansSettings settings, LocalDate today) throws SQLException {
        List<Asset> assets = Assets.onDemandAwaiting(tx);
        if (assets.isEmpty()) {
            return 0;
        }
        Map<String, Map<UsageCounter, Double>> thresholds = CounterThresholds.of(tx,
                assets.stream().map(Asset::communityId).distinct().toList(), settings.counterThresholds());
        Map<String, List<CounterValue>> counters = UsageCounters.read(tx, assets, thresholds);
        int opened = 0;
        for (Asset asset : assets) {
            Optional<CounterValue> over = counters.get(asset.deviceId()).stream().filter(CounterValue::over).findFirst();
            if (over.isPresent()) {
                sink.open(tx, dueWork(asset, over.get(), today));
                Assets.markCounterWork(tx, asset.deviceId(), asset.countersSince());
                opened++;
            }
        }
        return opened;
    }

    static DueWork dueWork(Asset asset, CounterValue counter, LocalDate today) {
        PlanKind visit = PlanKind.ELEVATOR_HALF_MONTHLY;
        return new DueWork(asset.communityId(), asset.deviceId(), WorkSource.COUNTER, "counter:"
                + counter.counter().wireName() + ":" + asset.deviceId() + ":" + asset.countersSince(), today,
                counter.counter().wireName().replace('_', ' ') + " reached " + Math.round(counter.value()),
                Checklists.defaults(visit), visit.minCrew(), false, counter.evidence());
    }
}
