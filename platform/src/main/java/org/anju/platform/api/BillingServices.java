package org.anju.platform.api;

import java.time.Clock;

import org.anju.platform.billing.BillingSettings;
import org.anju.platform.billing.Tariffs;
import org.anju.platform.ledger.Ledger;
import org.anju.platform.storage.UnitOfWork;

/**
 * What the billing routes serve from: the request pool's unit of work (the routes join the
 * billing and ledger APIs and the audit log in one transaction), the tariffs and the ledger.
 */
public record BillingServices(UnitOfWork work, BillingSettings settings, Tariffs tariffs, Ledger ledger) {

    /** Creates the services over the request pool. */
    public static BillingServices of(UnitOfWork requests, BillingSettings settings, Clock clock) {
        return new BillingServices(requests, settings, Tariffs.create(settings, clock), Ledger.create());
    }
}
