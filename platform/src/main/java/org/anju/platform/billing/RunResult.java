package org.anju.platform.billing;

import java.time.YearMonth;

/**
 * What a billing run of a community and month did.
 *
 * @param alreadyRun true when the period had been billed before: nothing changed
 */
public record RunResult(String communityId, YearMonth period, int invoices, long totalFen, boolean alreadyRun) {
}
