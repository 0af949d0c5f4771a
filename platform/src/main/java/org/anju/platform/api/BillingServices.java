package org.anju.platform.api;

import java.time.Clock;
import java.util.List;

import org.anju.platform.billing.BillableSource;
import org.anju.platform.billing.BillingRuns;
import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.Contracts;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.storage.UnitOfWork;
import org.anju.platform.votes.MotionKind;
import org.anju.platform.votes.Motions;

/**
 * What the billing routes serve from: the request pool's unit of work (the routes join the
 * billing and ledger APIs and the audit log in one transaction), the tariffs, the ledger, the
 * contracts and the monthly runs, which collect the billable items of the given sources.
 */
public record BillingServices(UnitOfWork work, BillingSettings settings, Tariffs tariffs, Ledger ledger,
        Contracts contracts, BillingRuns runs) {

    /**
     * Creates the services over the request pool.
     *
     * @param runs    the unit of work of the runs: the administrative class, whose statement timeout
     *                allows a community's month in one transaction
     * @param sources the other streams' billable items a run collects (visitor parking, charging)
     */
    public static BillingServices of(UnitOfWork requests, UnitOfWork runs, BillingSettings settings, Clock clock,
            List<BillableSource> sources) {
        Tariffs tariffs = Tariffs.create(settings, clock);
        Ledger ledger = Ledger.create();
        // a common-area lease needs the owners' approved resolution of that kind, of the same community
        Contracts contracts = Contracts.create(tariffs, settings, (tx, community, id) -> Motions.approved(tx, id)
                .filter(r -> r.communityId().equals(community) && r.kind() == MotionKind.COMMON_PARTS_BUSINESS)
                .isPresent());
        return new BillingServices(requests, settings, tariffs, ledger, contracts,
                BillingRuns.create(runs, tariffs, contracts, ledger, sources, settings, clock));
    }
}
