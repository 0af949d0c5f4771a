package org.anju.platform.maintenance.forecast;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.anju.platform.jobs.ClusterJobs;
import org.anju.platform.jobs.PeriodicJobs;

/**
 * Runs the forecast pass once a day, at the first check after {@code runAt} local time. It checks
 * every {@value #CHECK_MINUTES} minutes instead of sleeping a day, so that the run time does not
 * drift by the pass's duration, and a platform started after {@code runAt} runs the day's pass at
 * once (the pass is idempotent within a day). {@link #start()} and {@link #close()} are idempotent.
 */
public final class DailyForecastJob implements AutoCloseable {

    static final long CHECK_MINUTES = 10;

    private final Runnable pass;
    private final LocalTime runAt;
    private final ZoneId zone;
    private final Clock clock;
    private PeriodicJobs jobs;
    private ClusterJobs cluster;
    private LocalDate lastRun;

    /** Returns a job that runs {@code pass} ({@link ForecastPass#run()}) daily after {@code runAt} in {@code zone}. */
    public DailyForecastJob(Runnable pass, LocalTime runAt, ZoneId zone, Clock clock) {
        this.pass = pass;
        this.runAt = runAt;
        this.zone = zone;
        this.clock = clock;
    }

    /** Starts the checks on this instance alone. */
    public synchronized void start() {
        if (jobs == null && cluster == null) {
            jobs = new PeriodicJobs("maintenance", 1);
            jobs.schedule("forecast pass", this::runIfDue, Duration.ofMinutes(1), Duration.ofMinutes(CHECK_MINUTES));
        }
    }

    /**
     * Starts the checks as the cluster-wide job {@code maintenance.forecast-pass}: one instance at a
     * time checks; an instance that takes the lease over may run the day's pass again, which is
     * idempotent within a day. Closing this job closes {@code jobs}.
     */
    public synchronized void start(ClusterJobs jobs) {
        if (this.jobs == null && cluster == null) {
            cluster = jobs;
            cluster.schedule("maintenance.forecast-pass", this::runIfDue, Duration.ofMinutes(1),
                    Duration.ofMinutes(CHECK_MINUTES));
        }
    }

    /** Runs the pass when today's has not run and {@code runAt} has passed; returns whether it ran. */
    synchronized boolean runIfDue() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
        if (now.toLocalTime().isBefore(runAt) || now.toLocalDate().equals(lastRun)) {
            return false;
        }
        pass.run();
        lastRun = now.toLocalDate();
        return true;
    }

    @Override
    public synchronized void close() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
