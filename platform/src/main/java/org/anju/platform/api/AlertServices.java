package org.anju.platform.api;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.anju.platform.alerts.AlertEngine;
import org.anju.platform.alerts.Alerts;
import org.anju.platform.alerts.CommunitySettings;
import org.anju.platform.alerts.FaultWork;
import org.anju.platform.alerts.TimerScheduler;
import org.anju.platform.alerts.Transactions;
import org.anju.platform.alerts.fire.FireWorkflow;
import org.anju.platform.alerts.rescue.Rescues;
import org.anju.platform.config.AnjuConfig;
import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.delivery.Outbox;
import org.anju.platform.storage.UnitOfWork;

/**
 * Alerts, the fire workflow and elevator rescues, wired together: the rule engine (an ingest and
 * presence listener), the timer scheduler, and the services the API exposes. Start the engine and
 * the scheduler with {@link #start(ClusterJobs)}; {@link #close()} stops both.
 */
public record AlertServices(Alerts alerts, FireWorkflow fire, Rescues rescues, AlertEngine engine,
        TimerScheduler timers) implements AutoCloseable {

    /**
     * Creates the services over a database; time comes from {@code clock}, fire days start in {@code dayZone}.
     *
     * @param work     the unit of work of background work (the rule engine and the timers)
     * @param requests the unit of work of HTTP requests (what people read and do)
     */
    public static AlertServices of(UnitOfWork work, UnitOfWork requests, Outbox outbox, AnjuConfig.Alerts config,
            Clock clock, ZoneId dayZone, MeterRegistry meters) {
        return of(work, requests, outbox, config, clock, dayZone, meters, FaultWork.NONE);
    }

    /** Alert services whose new fault alerts open maintenance work through {@code faultWork}. */
    public static AlertServices of(UnitOfWork work, UnitOfWork requests, Outbox outbox, AnjuConfig.Alerts config,
            Clock clock, ZoneId dayZone, MeterRegistry meters, FaultWork faultWork) {
        Transactions background = new Transactions(work, outbox);
        Transactions people = new Transactions(requests, outbox);
        CommunitySettings settings = new CommunitySettings(config.defaults());
        Alerts alerts = new Alerts(people, settings, clock);
        FireWorkflow fire = new FireWorkflow(people, alerts, settings, clock, dayZone);
        Rescues rescues = new Rescues(people, clock);
        AlertEngine engine = new AlertEngine(background, settings, List.of(fire, rescues), faultWork, clock, meters);
        TimerScheduler timers = new TimerScheduler(background, List.of(fire, rescues), clock, config.timerPollInterval());
        return new AlertServices(alerts, fire, rescues, engine, timers);
    }

    /** Starts the rule engine, and the timer scheduler on {@code timerJobs}; idempotent. */
    public void start(ClusterJobs timerJobs) {
        engine.start();
        timers.start(timerJobs);
    }

    /** Stops the scheduler and the engine; idempotent. */
    @Override
    public void close() {
        timers.close();
        engine.close();
    }
}
