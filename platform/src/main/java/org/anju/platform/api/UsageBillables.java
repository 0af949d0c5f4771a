package org.anju.platform.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.anju.platform.billing.BillableItem;
import org.anju.platform.billing.BillableSource;
import org.anju.platform.billing.Stream;
import org.anju.platform.storage.UnitOfWork;

/**
 * Feeds the visits of visitor parking or the sessions of EV charging ({@code parking.BillableSource})
 * to the billing run as one stream's {@link BillableSource}. The source id is the one the usage
 * capability gives ({@code parking-visit:<id>}, {@code charging-session:<id>}), so the run's
 * "billed once ever" rule holds per visit and session. Items of no household (a visitor no household
 * answers for, paid at the gate) and free items are not invoiced.
 */
public record UsageBillables(Stream stream, org.anju.platform.parking.BillableSource usage) implements BillableSource {

    /** Returns the platform's two usage streams: visitor parking and EV charging. */
    public static List<BillableSource> of(UsageServices usage) {
        return List.of(new UsageBillables(Stream.VISITOR_PARKING, usage.visits()),
                new UsageBillables(Stream.CHARGING, usage.chargingSessions()));
    }

    @Override
    public List<BillableItem> items(UnitOfWork.Tx tx, String communityId, Instant from, Instant to)
            throws SQLException {
        return usage.billable(tx, communityId, from, to).stream()
                .filter(item -> item.householdId() != null && item.amountFen() > 0)
                .map(item -> new BillableItem(stream, item.sourceId(), item.householdId(), item.amountFen(),
                        item.description(), item.at()))
                .toList();
    }
}
