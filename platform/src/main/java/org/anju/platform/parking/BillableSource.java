package org.anju.platform.parking;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.anju.platform.storage.UnitOfWork;

/**
 * What a billing run collects from a stream of charges: per community and period, the settled
 * items with an amount. Implemented by {@link Visits} and {@code charging.ChargingSessions}.
 */
public interface BillableSource {

    /**
     * Returns the community's items that arose in [{@code from}, {@code to}), by source id; in the
     * caller's transaction (the billing run's). Items never change once returned for a closed
     * period: a review resolved later arises at its resolution.
     *
     * @throws SQLException when the database fails
     */
    List<BillableItem> billable(UnitOfWork.Tx tx, String communityId, Instant from, Instant to) throws SQLException;
}
