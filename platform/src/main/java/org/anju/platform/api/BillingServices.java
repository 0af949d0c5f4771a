package org.anju.platform.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.anju.platform.billing.BillableSource;
import org.anju.platform.billing.BillingRuns;
import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.CommonAreaResolutions;
import org.anju.platform.billing.Contracts;
import org.anju.platform.billing.FundIncome;
import org.anju.platform.billing.LateFees;
import org.anju.platform.billing.PaidAmounts;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.storage.UnitOfWork;

/**
 * What the billing routes serve from: the request pool's unit of work (the routes join the
 * billing and ledger APIs and the audit log in one transaction), the tariffs, the ledger, the
 * contracts and the monthly runs, which collect the billable items of the given sources and the
 * late fees; what has been paid against invoices; where the fund's share of common-area rent goes
 * (and credit notes take it back from); the platform's plate confidence default (a
 * per-community billing setting).
 */
public record BillingServices(UnitOfWork work, BillingSettings settings, Tariffs tariffs, Ledger ledger,
        Contracts contracts, BillingRuns runs, PaidAmounts paid, FundIncome fund, BigDecimal plateMinConfidence) {

    /** Creates the services without payments, with the plate confidence default of 0.8 (tests and tools). */
    public static BillingServices of(UnitOfWork requests, UnitOfWork runs, BillingSettings settings, Clock clock,
            List<BillableSource> sources, FundIncome fund) {
        return of(requests, runs, settings, clock, sources, fund, PaidAmounts.NONE, new BigDecimal("0.8"));
    }

    /**
     * Creates the services over the request pool.
     *
     * @param runs    the unit of work of the runs: the administrative class, whose statement timeout
     *                allows a community's month in one transaction
     * @param sources the other streams' billable items a run collects (visitor parking, charging);
     *                the runs collect late fees besides
     * @param fund    where a run puts the owners' share of common-area rent (the maintenance fund)
     * @param paid    what has been paid against invoices ({@code payments.InvoicePayments})
     * @param plateMinConfidence {@code parking.minConfidence}, the default of a community's setting
     */
    public static BillingServices of(UnitOfWork requests, UnitOfWork runs, BillingSettings settings, Clock clock,
            List<BillableSource> sources, FundIncome fund, PaidAmounts paid, BigDecimal plateMinConfidence) {
        Tariffs tariffs = Tariffs.create(settings, clock);
        Ledger ledger = Ledger.create();
        Contracts contracts = Contracts.create(tariffs, settings, CommonAreaResolutions.OWNERS, clock);
        List<BillableSource> all = new ArrayList<>(sources);
        all.add(new LateFees(tariffs, settings, paid));
        return new BillingServices(requests, settings, tariffs, ledger, contracts,
                BillingRuns.create(runs, tariffs, contracts, ledger, all, settings, clock, fund), paid, fund, plateMinConfidence);
    }
}
