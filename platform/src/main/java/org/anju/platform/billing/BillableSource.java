package org.anju.platform.billing;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.anju.platform.storage.UnitOfWork;

/**
 * A capability whose charges a billing run collects: visitor parking ({@code parking.Visits}),
 * EV charging ({@code charging.ChargingSessions}), parcel overdue fees. Implementations read their
 * own tables in the run's transaction; they never write invoices themselves.
 */
public interface BillableSource {

    /**
     * Returns the community's settled, priced items that arose in {@code [from, to)}: only items
     * that are final (not in a review queue). Items already billed may be returned again; the run
     * skips them by (stream, sourceId).
     *
     * @param tx the billing run's transaction
     */
    List<BillableItem> items(UnitOfWork.Tx tx, String communityId, Instant from, Instant to) throws SQLException;

    /**
     * Whether {@link #items} reports items by the instant they were settled (visits, charging sessions,
     * parcel fees). Such a source may be asked from before the month: when the previous month was
     * billed before it ended, the next run also asks for what was settled after that run. A source that
     * reports by month (late fees: {@code from} names the month) answers false and is asked for its month.
     */
    default boolean bySettlement() {
        return true;
    }
}
