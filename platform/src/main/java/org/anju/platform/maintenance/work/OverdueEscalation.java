package org.anju.platform.maintenance.work;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.anju.platform.alerts.AlertJson;
import org.anju.platform.delivery.Notification;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.maintenance.settings.CommunityMaintenanceSettings;
import org.anju.platform.maintenance.settings.MaintenanceSettingsStore;
import org.anju.platform.storage.UnitOfWork;

/**
 * Escalates overdue work orders (pending after their due day) through the notification outbox
 * ({@value #TOPIC}): step n is reached {@code escalationDays[n-1]} days after the due day, the figures
 * of the order's community ({@link MaintenanceSettingsStore}; default 1, 3 and 7 days); each step of
 * each order is notified once (a row in
 * {@code work_order_escalations} in the same transaction), also across instances and restarts.
 * Runs as a cluster job ({@code maintenance.work-overdue}) every {@link #CHECK_EVERY}.
 */
public final class OverdueEscalation implements AutoCloseable {

    /** The topic of an overdue order's escalation step. */
    public static final String TOPIC = "maintenance.work_overdue";
    /** How often the job looks for overdue orders. */
    static final Duration CHECK_EVERY = Duration.ofMinutes(10);

    private static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(OverdueEscalation.class);

    private final UnitOfWork work;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId dayZone;
    private final CommunityMaintenanceSettings defaults;
    private ClusterJobs jobs;

    /** Returns the escalation with the documented steps ({@link CommunityMaintenanceSettings#DEFAULTS}). */
    public OverdueEscalation(UnitOfWork work, Outbox outbox, Clock clock, ZoneId dayZone) {
        this(work, outbox, clock, dayZone, CommunityMaintenanceSettings.DEFAULTS);
    }

    /**
     * Returns the escalation of overdue orders.
     *
     * @param defaults the platform's figures (escalation steps), which a community's own override
     */
    public OverdueEscalation(UnitOfWork work, Outbox outbox, Clock clock, ZoneId dayZone,
            CommunityMaintenanceSettings defaults) {
        this.work = work;
        this.outbox = outbox;
        this.clock = clock;
        this.dayZone = dayZone;
        this.defaults = defaults;
    }

    /** Returns how many of the steps (days overdue, ascending) an order due on {@code dueOn} has reached on {@code today}. */
    static int stepsReached(List<Integer> stepDays, LocalDate dueOn, LocalDate today) {
        long overdue = ChronoUnit.DAYS.between(dueOn, today);
        int steps = 0;
        while (steps < stepDays.size() && overdue >= stepDays.get(steps)) {
            steps++;
        }
        return steps;
    }

    /**
     * Notifies every step reached and not yet notified, in one transaction.
     *
     * @return the notifications appended
     */
    public int runOnce() {
        int notified = work.inTransaction("work order escalation", tx -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), dayZone);
            Map<String, List<Integer>> own = new HashMap<>();
            MaintenanceSettingsStore.all(tx).forEach((community, s) -> own.put(community, s.over(defaults).escalationDays()));
            int appended = 0;
            for (WorkOrder order : WorkOrderStore.overdue(tx, today, own, defaults.escalationDays().size(), BATCH)) {
                int reached = stepsReached(own.getOrDefault(order.communityId(), defaults.escalationDays()),
                        order.dueOn(), today);
                for (int step = 1; step <= reached; step++) {
                    if (WorkOrderStore.escalated(tx, order.id(), step, clock.instant())) {
                        ObjectNode payload = AlertJson.tree(order).put("step", step)
                                .put("daysOverdue", ChronoUnit.DAYS.between(order.dueOn(), today));
                        outbox.append(tx, new Notification(TOPIC, order.tenantId(), order.communityId(), false, payload));
                        appended++;
                    }
                }
            }
            return appended;
        });
        if (notified > 0) {
            LOG.info("overdue work orders escalated [notifications: {}]", notified);
        }
        return notified;
    }

    /** Schedules {@link #runOnce()} on {@code jobs}, which this closes with itself; idempotent. */
    public synchronized void start(ClusterJobs jobs) {
        if (this.jobs == null) {
            this.jobs = jobs;
            jobs.schedule("maintenance.work-overdue", this::runOnce, Duration.ofMinutes(1), CHECK_EVERY);
        }
    }

    @Override
    public synchronized void close() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }
}
