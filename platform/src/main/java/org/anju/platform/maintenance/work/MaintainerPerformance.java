package org.anju.platform.maintenance.work;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

import org.anju.error.ClientError;
import org.anju.platform.auth.Principal;
import org.anju.platform.storage.UnitOfWork;

/**
 * The maintainer performance of a community ({@link PerformanceMath}) over the orders opened in the
 * last {@code days} days: for platform administrators, the community's property administrators and
 * operators (every company), and its maintenance contractors (their own company only).
 * <p>
 * Methods block on JDBC: call them from a worker.
 */
public final class MaintainerPerformance {

    /** The window when the request names none. */
    static final int DEFAULT_DAYS = 90;
    private static final int MAX_DAYS = 366;

    private final UnitOfWork db;
    private final Clock clock;
    private final ZoneId dayZone;

    /** The answer: the window and one row per company. */
    public record Report(String communityId, Instant since, int days, List<CompanyPerformance> companies) {
    }

    public MaintainerPerformance(UnitOfWork db, Clock clock, ZoneId dayZone) {
        this.db = db;
        this.clock = clock;
        this.dayZone = dayZone;
    }

    /** Returns the community's performance report ({@code days}: 1–366, default 90). */
    public Report report(Principal user, String communityId, Function<String, String> params) {
        return db.read("maintainer performance", tx -> {
            WorkAccess.Sight sight = WorkAccess.requireCommunity(tx, user, communityId);
            if (!sight.manages() && sight.companyId() == null) {
                throw ClientError.forbidden(user.username() + " may not see the maintainer performance of community '"
                        + communityId + "'");
            }
            int days = (int) WorkRequests.queryNumber(params, "days", DEFAULT_DAYS, MAX_DAYS);
            Instant now = clock.instant();
            Instant since = now.minus(Duration.ofDays(days));
            List<CompanyPerformance> rows = PerformanceMath.of(WorkOrderStore.openedSince(tx, communityId, since),
                    LocalDate.ofInstant(now, dayZone), dayZone);
            if (!sight.manages()) {
                rows = rows.stream().filter(r -> sight.companyId().equals(r.companyId())).toList();
            }
            return new Report(communityId, since, days, rows);
        });
    }
}
