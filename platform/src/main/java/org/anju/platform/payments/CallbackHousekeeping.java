package org.anju.platform.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.storage.UnitOfWork;

/**
 * The periodic job of the callback log (job {@code payments.callback-housekeeping}, once per
 * {@code payments.refusedCallbacks.window} on one instance): logs one summary line per provider,
 * window and verdict of the refused callbacks that ended windows counted but did not store, then
 * deletes stored refused callbacks older than {@code payments.refusedCallbacks.retention}. Accepted
 * callbacks are never deleted: they are money records.
 */
public final class CallbackHousekeeping {

    /** Refused callbacks deleted per transaction, so that a large backlog does not hold one long transaction. */
    static final int DELETE_BATCH = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(CallbackHousekeeping.class);

    private final UnitOfWork work;
    private final PaymentSettings.RefusedCallbacks settings;
    private final Clock clock;

    public CallbackHousekeeping(UnitOfWork work, PaymentSettings.RefusedCallbacks settings, Clock clock) {
        this.work = work;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Reports the ended windows and applies the retention.
     *
     * @return the refused callbacks deleted
     */
    public int run() {
        Instant now = clock.instant();
        List<CallbackLog.NotStored> ended = work.inTransaction("payment callback summaries",
                tx -> CallbackLog.report(tx, CallbackCheck.windowStart(now, settings.window())));
        for (CallbackLog.NotStored n : ended) {
            LOG.warn("{} {} payment callbacks from provider {} not stored (over the budget of {} refused callbacks "
                    + "a window) [provider: {}, verdict: {}, window: {}]", n.count(), n.verdict(), n.provider(),
                    settings.budget(), n.provider(), n.verdict(), n.windowStart());
        }
        Instant before = now.minus(settings.retention());
        int deleted = 0;
        int batch;
        do {
            batch = work.inTransaction("payment callback retention",
                    tx -> CallbackLog.deleteRefused(tx, before, DELETE_BATCH));
            deleted += batch;
        } while (batch == DELETE_BATCH);
        if (deleted > 0) {
            LOG.info("Refused payment callbacks past their retention deleted [deleted: {}, before: {}]", deleted,
                    before);
        }
        return deleted;
    }
}
