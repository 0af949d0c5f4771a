package org.anju.platform.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background jobs that run every so often on threads of their own (daemon, named): a job that
 * fails is logged and tried again at its next tick instead of ending its schedule, and closing
 * waits briefly for a running job.
 */
public final class PeriodicJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJobs.class);

    private final String name;
    private final ScheduledExecutorService scheduler;

    /**
     * @param name    names the threads ({@code anju-<name>-N}) and the log lines
     * @param threads jobs that may run at the same time
     */
    public PeriodicJobs(String name, int threads) {
        this.name = name;
        this.scheduler = Executors.newScheduledThreadPool(threads, Thread.ofPlatform().name("anju-" + name + "-", 0)
                .daemon(true).factory());
    }

    /** Runs {@code job} after {@code first}, then {@code every} after each run ends. */
    public void schedule(String job, Runnable work, Duration first, Duration every) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // an exception would end the schedule: log and try again at the next tick
                LOG.warn("{} job failed, retrying in {} [job: {}]: {}", name, every, job, e.getMessage());
            }
        }, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops scheduling and waits up to 10 s for a running job. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("a {} job was still running at shutdown", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
